using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Guides;
using Portal.Core.MemberMail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Core.Configuration;

namespace Portal.Core.Content;

/// <summary>
/// The content as `portal config check` sees it: the guides and the member e-mail templates, checked by the same code
/// that loads them when the site starts (<see cref="ContentStartup"/>), each problem in the one list with the settings'.
/// </summary>
public sealed class ContentCheck : IOptionsCheck
{
    public IEnumerable<string> Problems(IServiceProvider services)
    {
        var (_, guides) = GuideLibrary.TryLoad(GuideLibrary.BuiltIn());
        var (_, mail) = MemberMailTemplates.TryLoad(MemberMailTemplates.BuiltIn());
        return guides.Select(p => $"{GuideLibrary.ContentFolder}: {p}").Concat(mail);
    }

    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsCheck, ContentCheck>());
        return services;
    }
}
