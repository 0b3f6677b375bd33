using Microsoft.Extensions.Logging.Abstractions;

namespace ResidentInsurance.Host.Logging;

/// <summary>
/// A second sink for the same masked JSON lines, appended to a file (<c>Logging:CaptureFile</c>): the test script
/// points every host of a test run at one file and then scans it for a full ID number — the log sink itself under
/// every scenario, not only the formatter. Off unless configured.
/// </summary>
internal sealed class CaptureFileLoggerProvider(string path, MaskedJsonConsoleFormatter formatter) : ILoggerProvider
{
    private readonly Lock _gate = new();

    private void Write<TState>(in LogEntry<TState> entry, TextWriter writer) => formatter.Write(entry, null, writer);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Append(string line)
    {
        lock (_gate)
        {
            File.AppendAllText(path, line);
        }
    }

    private sealed class Logger(CaptureFileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter();
            provider.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), line);
            if (line.GetStringBuilder().Length > 0)
            {
                provider.Append(line.ToString());
            }
        }
    }
}
