using System.ComponentModel.DataAnnotations;

namespace SupportAgent.MockBackends.Auth;

/// <summary>
/// Section <c>Auth</c>. Only the ToolsService calls MockBackends; it signs a short-lived service token (HS256) with a
/// key of its own, <c>Auth:BackendsSigningKey</c>, for the audience <c>supportagent-backends</c> (docs/CONTRACTS.md, "Tokens").
/// </summary>
public sealed class BackendsAuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 needs at least 256 bits of key. The AppHost passes the <c>backends-signing-key</c> parameter.</summary>
    [Required(ErrorMessage = "Auth:BackendsSigningKey is not set: MockBackends cannot check its callers. The AppHost passes the backends-signing-key parameter; appsettings.Development.json holds a key for Development only.")]
    [MinLength(32, ErrorMessage = "Auth:BackendsSigningKey must be at least 32 characters (HS256).")]
    public string BackendsSigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "supportagent";

    [Required]
    public string Audience { get; set; } = "supportagent-backends";

    /// <summary>
    /// Development only (ignored elsewhere): leaves <c>/admin/*</c> (seed, faults) open to local tools without a token.
    /// Orders, payments, shipping and docs always require the service token.
    /// </summary>
    public bool AnonymousAdminInDevelopment { get; set; }
}
