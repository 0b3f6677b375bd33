using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Bus;

public static class BusServiceCollectionExtensions
{
    /// <summary>
    /// The bus between departments: the engine's outbox is sent over it, and payment notices from the tax
    /// department resume enrollments. In memory by default; RabbitMQ with <c>Messaging:Transport=RabbitMq</c>, where
    /// several hosts share one queue and each notice is handled once (the engine's resume is idempotent).
    /// </summary>
    public static IServiceCollection AddResidentInsuranceBus(this IServiceCollection services, Action<BusOptions>? configure = null)
    {
        var options = new BusOptions();
        configure?.Invoke(options);
        services.AddResidentInsuranceOutboxSink();
        services.AddMassTransit(bus =>
        {
            bus.AddResidentInsuranceConsumers(options.QueuePrefix);
            if (string.Equals(options.Transport, "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.RabbitMq.Host, options.RabbitMq.Port, options.RabbitMq.VirtualHost, h =>
                    {
                        h.Username(options.RabbitMq.Username);
                        h.Password(options.RabbitMq.Password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }

    /// <summary>The engine's outbox goes out over the bus (used by <see cref="AddResidentInsuranceBus"/>; alone with a test harness).</summary>
    public static IServiceCollection AddResidentInsuranceOutboxSink(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxSink, BusOutboxSink>();
        return services;
    }

    /// <summary>The platform's consumers, on queues named with <paramref name="queuePrefix"/>.</summary>
    public static void AddResidentInsuranceConsumers(this IBusRegistrationConfigurator bus, string queuePrefix = "ri") =>
        bus.AddConsumer<PaymentNoticeConsumer>().Endpoint(e => e.Name = $"{queuePrefix}-payment-notices");
}
