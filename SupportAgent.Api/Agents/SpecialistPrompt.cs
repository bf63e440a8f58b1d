using System.Globalization;
using SupportAgent.Api.Agents.Prompts;
using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Agents;

/// <summary>The system prompt of a lane's specialist: the lane's own prompt plus the turn's context.</summary>
public static class SpecialistPrompt
{
    public static string For(string lane, string customerId, DateTimeOffset now)
    {
        var body = Lanes.Normalize(lane) switch
        {
            Lanes.Refund => RefundPrompt.Text,
            Lanes.Shipping => ShippingPrompt.Text,
            Lanes.OrderLookup => OrderLookupPrompt.Text,
            _ => GeneralPrompt.Text,
        };
        // The customer id is context only: tools are scoped to the authenticated caller, whatever the model says.
        return $"""
            {body}
            <context>
            Customer: {customerId}
            Now: {now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}
            </context>
            """;
    }
}
