using Microsoft.AspNetCore.Mvc;
using SupportAgent.MockBackends.Faults;
using SupportAgent.MockBackends.Http;
using SupportAgent.MockBackends.Persistence;

namespace SupportAgent.MockBackends.Payments;

/// <summary>The payments provider (fault endpoint <c>payments</c>). Refunds require an Idempotency-Key.</summary>
public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/payments").WithTags("Payments").WithFaults(FaultEndpoints.Payments);

        group.MapPost("/refunds", async (
            HttpContext context,
            [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
            RefundRequest? request,
            RefundProcessor refunds,
            CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeys.MaxKeyLength)
            {
                return Problems.BadRequest("idempotency_key_required", $"Send an {IdempotencyKeys.Header} header (1..{IdempotencyKeys.MaxKeyLength} characters).");
            }
            if (request is null || request.OrderId <= 0)
            {
                return Problems.BadRequest("invalid_request", "Send {orderId, amount, reason} with a positive orderId.");
            }
            if (!Money.TryToCents(request.Amount, out var cents))
            {
                return Problems.BadRequest("invalid_amount", "amount must be a positive number of dollars with at most two decimals.");
            }
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? "Not given" : request.Reason.Trim();
            var response = await refunds.RefundAsync(idempotencyKey, request.OrderId, cents, reason[..Math.Min(reason.Length, 500)], ct);
            return response.ToResult(context);
        });

        group.MapGet("/charges/{orderId:long}", async (long orderId, RefundProcessor refunds, CancellationToken ct) =>
            await refunds.GetChargeAsync(orderId, ct) is { } charge
                ? Results.Ok(charge)
                : Problems.NotFound("order_not_found", $"There is no charge for order {orderId}."));

        return routes;
    }
}
