namespace ResidentInsurance.Engine.Activities;

/// <summary>Stable names of department-task bookmarks and messages.</summary>
public static class DepartmentTaskNames
{
    public const string Bookmark = "ResidentInsurance.DepartmentTask";
    public const string CreatedMessage = "ResidentInsurance.TaskCreated";
    public const string CompletedMessage = "ResidentInsurance.TaskCompleted";
    public const string CancelledMessage = "ResidentInsurance.TaskCancelled";
}
