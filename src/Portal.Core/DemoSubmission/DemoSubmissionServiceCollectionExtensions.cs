using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core.Configuration;

namespace Portal.Core.DemoSubmission;

public static class DemoSubmissionServiceCollectionExtensions
{
    /// <summary>
    /// The "Demo" options (checked on start and by `portal config check`) and <see cref="DemoMode"/>.
    /// The server itself is added by the host that runs it: <c>AddHostedService&lt;DemoSubmissionServer&gt;()</c>;
    /// it does nothing while demo mode is off. A previously registered <see cref="IDemoMessageSink"/> is kept.
    /// <see cref="DemoSessionCount"/> tells how many SMTP sessions the server has open.
    /// </summary>
    public static IServiceCollection AddDemoSubmission(this IServiceCollection services)
    {
        services.AddCheckedOptions<DemoSubmissionOptions>(DemoSubmissionOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DemoSubmissionOptions>, DemoSubmissionOptionsValidator>());
        services.TryAddSingleton<DemoMode>();
        services.TryAddSingleton<DemoSessionCount>();
        services.TryAddSingleton<IDemoMessageSink, DiscardingDemoMessageSink>();
        return services;
    }
}
