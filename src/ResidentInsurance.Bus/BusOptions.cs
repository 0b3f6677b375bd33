namespace ResidentInsurance.Bus;

/// <summary>Section "Messaging": <c>Transport</c> InMemory (default) or RabbitMq, and "Messaging:RabbitMq".</summary>
public sealed class BusOptions
{
    public const string Section = "Messaging";

    public string Transport { get; set; } = "InMemory";

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Prefix of queue names, so several deployments (or test runs) can share one broker.</summary>
    public string QueuePrefix { get; set; } = "ri";
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}
