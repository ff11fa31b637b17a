using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.Core.Configuration;

/// <summary>
/// Every problem in the configuration at once, each naming its key: what `portal config check` prints and
/// what stops the web app before it starts half-way.
/// </summary>
public static class ConfigurationCheck
{
    public static IReadOnlyList<string> Run(IServiceProvider services) =>
        services.GetServices<IOptionsCheck>().SelectMany(c => c.Problems(services)).ToList();

    /// <summary>Binds a section to T, validates it when the host starts, and makes `config check` validate it too.</summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, string section) where T : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsCheck, OptionsCheck<T>>());
        // Generic, so bound by reflection (SYSLIB1104, silenced in Portal.Core.csproj): fine in the site and `portal`,
        // which are not trimmed. The Native AOT `portal-probe` binds its sections with generated code (Probe/ProbeConfiguration.cs).
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }
}

public interface IOptionsCheck
{
    IEnumerable<string> Problems(IServiceProvider services);
}

internal sealed class OptionsCheck<T> : IOptionsCheck where T : class
{
    public IEnumerable<string> Problems(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the key and the value it could not convert.
            return [e.Message];
        }
    }
}
