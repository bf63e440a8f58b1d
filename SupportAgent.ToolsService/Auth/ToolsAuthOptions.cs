using System.ComponentModel.DataAnnotations;

namespace SupportAgent.ToolsService.Auth;

/// <summary>
/// Section <c>Auth</c>. The Api signs a short-lived token per tool call (HS256) whose subject is the customer whose
/// data the call may touch; the ToolsService trusts nothing else about identity.
/// </summary>
public sealed class ToolsAuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 needs at least 256 bits of key.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "supportagent";

    [Required]
    public string Audience { get; set; } = "supportagent-tools";
}
