using System.ComponentModel.DataAnnotations;

namespace SupportAgent.ToolsService.Auth;

/// <summary>
/// Section <c>Auth</c>. The Api signs a short-lived token per tool call (HS256) whose subject is the customer whose
/// data the call may touch; the ToolsService trusts nothing else about identity. The ToolsService knows only the
/// tools key and the backends key, never the Api's customer/agent key, so it cannot mint sign-in tokens
/// (docs/CONTRACTS.md, "Tokens").
/// </summary>
public sealed class ToolsAuthOptions
{
    public const string Section = "Auth";

    /// <summary>Checks the Api's tools tokens. HS256 needs at least 256 bits of key.</summary>
    [Required(ErrorMessage = "Auth:ToolsSigningKey is not set: the ToolsService cannot check the Api's tools tokens. The AppHost passes the tools-signing-key parameter; appsettings.Development.json holds a key for Development only.")]
    [MinLength(32, ErrorMessage = "Auth:ToolsSigningKey must be at least 32 characters (HS256).")]
    public string ToolsSigningKey { get; set; } = "";

    /// <summary>Signs the service token for MockBackends.</summary>
    [Required(ErrorMessage = "Auth:BackendsSigningKey is not set: the ToolsService cannot call MockBackends. The AppHost passes the backends-signing-key parameter; appsettings.Development.json holds a key for Development only.")]
    [MinLength(32, ErrorMessage = "Auth:BackendsSigningKey must be at least 32 characters (HS256).")]
    public string BackendsSigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "supportagent";

    [Required]
    public string Audience { get; set; } = "supportagent-tools";

    [Required]
    public string BackendsAudience { get; set; } = "supportagent-backends";

    /// <summary>Lifetime of the MockBackends service token; it is renewed a minute before it runs out.</summary>
    [Range(typeof(TimeSpan), "00:02:00", "01:00:00")]
    public TimeSpan BackendsTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
