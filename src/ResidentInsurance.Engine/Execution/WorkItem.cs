using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>One scheduled step: run an activity, or resume it from a bookmark with a stimulus payload.</summary>
internal sealed record WorkItem(string ActivityId, Bookmark? ResumeFrom = null, JsonObject? Payload = null);
