using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Portal.Web.Pages.AutoSetup;

/// <summary>An XML document as the response, UTF-8 without a byte order mark, with its own status code.</summary>
public sealed class XmlDocumentResult(XDocument document, string contentType, int statusCode = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        // A content type keeps the status-code pages from replacing an error document with the HTML error page.
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        await using var writer = XmlWriter.Create(response.Body, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true });
        await document.SaveAsync(writer, httpContext.RequestAborted);
    }
}
