using Microsoft.Extensions.Logging;

namespace ResidentInsurance.Cli;

/// <summary>Logs to standard error, so standard output carries only the JSON.</summary>
internal sealed class StderrLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(stderr, categoryName);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(TextWriter stderr, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                stderr.WriteLine($"{logLevel}: {category}: {formatter(state, exception)}");
            }
        }
    }
}
