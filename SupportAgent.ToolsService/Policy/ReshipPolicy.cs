using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Policy;

/// <summary>
/// Replacement shipments: only when the carrier itself reports the parcel lost or damaged. A second replacement of an
/// order is not refused here: ReshipTool asks a person for it (needs_approval, policy second_reship).
/// </summary>
public static class ReshipPolicy
{
    /// <returns>Null when a replacement may be sent; otherwise why not, in words a customer can read.</returns>
    public static string? RefusalReason(BackendOrder order, BackendShipment? shipment)
    {
        var id = order.OrderId;
        if (shipment is null)
        {
            return order.Status == "cancelled"
                ? $"Order #{id} was cancelled before it shipped, so there is no parcel to replace."
                : $"Order #{id} hasn't shipped yet, so there is no parcel to replace.";
        }
        return shipment.Status is "lost" or "damaged"
            ? null
            : $"The carrier shows order #{id} as {OrderWording.Status(shipment.Status)}; we send a replacement only when a parcel is lost or arrives damaged.";
    }
}
