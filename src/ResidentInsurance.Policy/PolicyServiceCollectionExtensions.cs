using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Scripting;

namespace ResidentInsurance.Policy;

public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sandboxed JavaScript evaluator (Jint) as the engine's <see cref="IScriptEvaluator"/>, a
    /// singleton. Its limits come from the "Policy:Scripting" section of <paramref name="configuration"/>
    /// when given, then from <paramref name="configure"/>. The clock is the registered
    /// <see cref="TimeProvider"/>, or the system clock when there is none.
    /// </summary>
    public static IServiceCollection AddResidentInsurancePolicy(
        this IServiceCollection services,
        IConfiguration? configuration = null,
        Action<ScriptingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ScriptingOptions>();
        if (configuration is not null)
        {
            options.Configure(o => ScriptingOptionsBinder.Bind(configuration, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => new JintScriptEvaluator(
            sp.GetRequiredService<IOptions<ScriptingOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<IScriptEvaluator>(sp => sp.GetRequiredService<JintScriptEvaluator>());
        return services;
    }
}
