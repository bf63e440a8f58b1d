using System.Globalization;

namespace SupportAgent.ToolsService.Policy;

/// <summary>How statuses and dates read in messages a customer may see.</summary>
public static class OrderWording
{
    public static string Status(string status) => status switch
    {
        "pending" => "not shipped yet",
        "shipped" => "shipped",
        "in_transit" => "in transit",
        "delivered" => "delivered",
        "lost" => "lost by the carrier",
        "damaged" => "delivered damaged",
        "cancelled" => "cancelled",
        "refunded" => "refunded",
        "partially_refunded" => "partially refunded",
        _ => status.Replace('_', ' '),
    };

    public static string Date(DateTime at) => at.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);
}
