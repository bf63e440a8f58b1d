using System.ComponentModel.DataAnnotations;

namespace SupportAgent.Api.Auth;

/// <summary>
/// Token settings (docs/CONTRACTS.md, "Tokens"). Two keys: <see cref="SigningKey"/> signs and checks customer and
/// agent tokens and never leaves the Api; <see cref="ToolsSigningKey"/> signs the Api's calls to the ToolsService,
/// which knows only that one, so a compromised ToolsService cannot mint sign-in tokens.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    [Required(ErrorMessage = "Auth:SigningKey is not set: the Api cannot sign or check customer and agent tokens. The AppHost passes the jwt-signing-key parameter.")]
    [MinLength(32, ErrorMessage = "Auth:SigningKey must be at least 32 characters (HS256).")]
    public string SigningKey { get; set; } = "";

    [Required(ErrorMessage = "Auth:ToolsSigningKey is not set: the Api cannot sign its calls to the ToolsService. The AppHost passes the tools-signing-key parameter.")]
    [MinLength(32, ErrorMessage = "Auth:ToolsSigningKey must be at least 32 characters (HS256).")]
    public string ToolsSigningKey { get; set; } = "";

    public string Issuer { get; set; } = "supportagent";
    public string ApiAudience { get; set; } = "supportagent-api";
    public string ToolsAudience { get; set; } = "supportagent-tools";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The human agents who may sign in to the console.</summary>
    public List<string> Agents { get; set; } = ["agent_ana", "agent_ben", "agent_chloe"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey == ToolsSigningKey)
            yield return new ValidationResult(
                "Auth:ToolsSigningKey must differ from Auth:SigningKey: the ToolsService must not be able to mint customer or agent tokens.",
                [nameof(ToolsSigningKey)]);
    }
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
