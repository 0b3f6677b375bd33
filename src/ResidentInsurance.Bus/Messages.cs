using MassTransit;

namespace ResidentInsurance.Bus;

// Immutable messages with stable names (MessageUrn): renaming a type never changes what other hosts receive.

/// <summary>A payment notice from the tax department for one person and benefit year.</summary>
[MessageUrn("resident-insurance-payment-notice-received-v1")]
[EntityName("resident-insurance.payment-notice-received.v1")]
public sealed record PaymentNoticeReceived(string Region, string IdNumber, int BenefitYear, long AmountFen, string PaidOn, string Channel, string TransactionId);

/// <summary>A department task was created by a workflow (for the department's inbox, or another system).</summary>
[MessageUrn("resident-insurance-task-created-v1")]
[EntityName("resident-insurance.task-created.v1")]
public sealed record TaskCreated(string Region, string TaskId, string Department, string Title, string? Deadline, string InstanceId);

/// <summary>A department task was completed.</summary>
[MessageUrn("resident-insurance-task-completed-v1")]
[EntityName("resident-insurance.task-completed.v1")]
public sealed record TaskCompleted(string Region, string TaskId, string Outcome, string? CompletedBy);

/// <summary>A workflow published an event: entitlement recorded, subsidy paid back, refund paid, enrollment ended …</summary>
[MessageUrn("resident-insurance-workflow-event-published-v1")]
[EntityName("resident-insurance.workflow-event-published.v1")]
public sealed record WorkflowEventPublished(string Region, string EventName, string? CorrelationKey, string? InstanceId, string PayloadJson);

/// <summary>A department's identity additions / removals were flagged by the agency (the identity change workflow).</summary>
[MessageUrn("resident-insurance-identity-recognised-v1")]
[EntityName("resident-insurance.identity-recognised.v1")]
public sealed record IdentityRecognised(string Region, string? Department, int? BenefitYear, string RowsJson, string? InstanceId);

/// <summary>Money went back to a person: a refund of the personal payment, or a subsidy paid back after recognition.</summary>
[MessageUrn("resident-insurance-refund-paid-v1")]
[EntityName("resident-insurance.refund-paid.v1")]
public sealed record RefundPaid(string Region, string? CorrelationKey, string Kind, long? AmountFen, string? PaidBy, string? InstanceId);
