using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Bus;

/// <summary>
/// Resumes the enrollment waiting for a payment notice, through the engine's idempotent resume keyed by the
/// tax transaction id: a re-delivered notice is answered "already handled", a notice for nobody is kept (parked).
/// </summary>
internal sealed class PaymentNoticeConsumer(WorkflowRuntime runtime, ILogger<PaymentNoticeConsumer> logger) : IConsumer<PaymentNoticeReceived>
{
    public async Task Consume(ConsumeContext<PaymentNoticeReceived> context)
    {
        var n = context.Message;
        var result = await runtime.ResumeAsync(ResumeRequest.ForEvent(n.Region, "tax.payment-notice", $"{n.IdNumber}/{n.BenefitYear}", n.TransactionId, new JsonObject
        {
            ["idNumber"] = n.IdNumber, ["benefitYear"] = n.BenefitYear, ["amountFen"] = n.AmountFen, ["paidOn"] = n.PaidOn,
            ["channel"] = n.Channel, ["transactionId"] = n.TransactionId,
        }), context.CancellationToken);
        logger.LogInformation("Payment notice {TransactionId} of {Region}: {Outcome}", n.TransactionId, n.Region, result.Outcome);
    }
}
