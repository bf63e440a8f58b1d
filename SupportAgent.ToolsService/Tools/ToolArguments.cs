using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// Reads a tool's JSON arguments leniently, the way a model writes them: an order id may be 1042, "1042", "#1042" or
/// "order 1042"; an amount 25.5, "25.50" or "$25.50".
/// </summary>
public sealed partial class ToolArguments(JsonElement root)
{
    public const string OrderIdName = "order_id";

    public JsonElement Root { get; } = root;

    public string? String(string name)
    {
        if (!Root.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>Missing: null. Present: the parsed id, or null id with the raw text when it reads as no order number.</summary>
    public (bool Present, long? OrderId, string Raw) OrderId()
    {
        var raw = String(OrderIdName);
        if (raw is null)
        {
            return (false, null, "");
        }
        var match = OrderIdPattern().Match(raw);
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? (true, id, raw)
            : (true, null, raw);
    }

    /// <summary>Missing or null: no amount (the tool picks its default). Otherwise dollars, or an error message.</summary>
    public (decimal? Amount, string? Error) Amount(string name)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        decimal parsed;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out parsed))
        {
            return Checked(parsed, name);
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()?.Trim().TrimStart('$').Replace(",", "").Trim();
            if (string.IsNullOrEmpty(text))
            {
                return (null, null);
            }
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed))
            {
                return Checked(parsed, name);
            }
        }
        return (null, $"{name} must be an amount in dollars, like 25.50.");
    }

    private static (decimal? Amount, string? Error) Checked(decimal amount, string name) =>
        decimal.Round(amount, 2) == amount ? (amount, null) : (null, $"{name} must be in dollars and cents, like 25.50.");

    [GeneratedRegex(@"^(?:order\s*)?(?:(?:no\.?|number)\s*)?#?\s*(\d{1,12})$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderIdPattern();
}
