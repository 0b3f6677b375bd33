using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Activities;

/// <summary>What an activity did: completed on one or more outcome ports, or suspended on a bookmark.</summary>
public abstract record ActivityResult
{
    public const string DoneOutcome = "Done";

    public static ActivityResult Done() => new Completed([DoneOutcome]);

    public static ActivityResult Outcome(params string[] outcomes) => new Completed(outcomes);

    public static ActivityResult Suspend(BookmarkRequest bookmark) => new Suspended(bookmark);

    /// <summary>Ends the whole workflow (Elsa.End): other branches and their bookmarks are cancelled.</summary>
    public static ActivityResult EndWorkflow() => new Ended();

    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    public sealed record Suspended(BookmarkRequest Bookmark) : ActivityResult;

    public sealed record Ended : ActivityResult;
}

/// <summary>A bookmark an activity asks for: the event it waits on, its correlation key, due time and payload.</summary>
public sealed record BookmarkRequest(string Name, string? CorrelationKey = null, DateTimeOffset? ResumeAt = null, JsonObject? Payload = null);
