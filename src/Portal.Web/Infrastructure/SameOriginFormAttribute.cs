using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace Portal.Web.Infrastructure;

/// <summary>
/// For the two small forms on public pages (the language switch, "my screen looks different"), which carry no
/// antiforgery token so that those pages can be cached for everyone: a post that a browser says came from another
/// site (Sec-Fetch-Site, or an Origin that is not this host) is refused. A client that is not a browser sends neither
/// and holds no visitor's cookies to abuse. Neither form changes anything of the visitor's beyond their own language.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SameOriginFormAttribute : Attribute, IAsyncPageFilter, IActionFilter, IOrderedFilter
{
    // Before the site-wide antiforgery check would run (which these endpoints opt out of).
    public int Order => -2000;

    internal static bool CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers[HeaderNames.Origin].ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && CrossSite(context.HttpContext.Request))
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && CrossSite(context.HttpContext.Request)) context.Result = new BadRequestResult();
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
