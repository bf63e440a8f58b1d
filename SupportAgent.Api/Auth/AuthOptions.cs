using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Api.Auth;

/// <summary>Token settings shared with the ToolsService (docs/CONTRACTS.md, "Tokens").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "supportagent";
    public string ApiAudience { get; set; } = "supportagent-api";
    public string ToolsAudience { get; set; } = "supportagent-tools";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The human agents who may sign in to the console.</summary>
    public List<string> Agents { get; set; } = ["agent_ana", "agent_ben", "agent_chloe"];
}

public static class Roles
{
    public const string Customer = "customer";
    public const string Agent = "agent";
}

public static class Policies
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string CustomerOrAgent = "customer-or-agent";
}
