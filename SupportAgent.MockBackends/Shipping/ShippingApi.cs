using Microsoft.AspNetCore.Mvc;
using SupportAgent.MockBackends.Faults;
using SupportAgent.MockBackends.Http;
using SupportAgent.MockBackends.Persistence;

namespace SupportAgent.MockBackends.Shipping;

/// <summary>The shipping carrier (fault endpoint <c>shipping</c>). Reships require an Idempotency-Key.</summary>
public static class ShippingApi
{
    public static IEndpointRouteBuilder MapShippingApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/shipping").WithTags("Shipping").WithFaults(FaultEndpoints.Shipping);

        group.MapGet("/orders/{orderId:long}", async (long orderId, ShipmentStore shipments, CancellationToken ct) =>
            await shipments.GetAsync(orderId, ct) is { } shipment
                ? Results.Ok(shipment)
                : Problems.NotFound("shipment_not_found", $"Order {orderId} has no shipment with the carrier."));

        group.MapPost("/reships", async (
            HttpContext context,
            [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
            ReshipRequest? request,
            ReshipProcessor reships,
            CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyKeys.MaxKeyLength)
            {
                return Problems.BadRequest("idempotency_key_required", $"Send an {IdempotencyKeys.Header} header (1..{IdempotencyKeys.MaxKeyLength} characters).");
            }
            if (request is null || request.OrderId <= 0)
            {
                return Problems.BadRequest("invalid_request", "Send {orderId, reason} with a positive orderId.");
            }
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? "Not given" : request.Reason.Trim();
            var response = await reships.ReshipAsync(idempotencyKey, request.OrderId, reason[..Math.Min(reason.Length, 500)], ct);
            return response.ToResult(context);
        });

        return routes;
    }
}
