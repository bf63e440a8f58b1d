using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportAgent.Api.Auth;

/// <summary>Signs the Api's own tokens: sign-in tokens (development endpoint) and the short-lived tokens for the ToolsService.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Customer and agent tokens: the key only the Api knows.</summary>
    public SymmetricSecurityKey Key { get; } = new(Encoding.UTF8.GetBytes(options.Value.SigningKey));

    /// <summary>Tools tokens: the key shared with the ToolsService.</summary>
    private readonly SymmetricSecurityKey _toolsKey = new(Encoding.UTF8.GetBytes(options.Value.ToolsSigningKey));

    public string IssueSignIn(string subject, string role) =>
        Issue(subject, options.Value.ApiAudience, options.Value.TokenLifetime, new Dictionary<string, object> { ["role"] = role }, Key);

    /// <summary>The customer id travels as the subject, so no tool argument can choose whose data a call touches.</summary>
    /// <param name="approvedBy">The agent who approved the call above policy limits: claim <c>approved_by</c>.</param>
    public string IssueForTools(string customerId, string? approvedBy = null) =>
        Issue(customerId, options.Value.ToolsAudience, TimeSpan.FromMinutes(5),
            approvedBy is null ? [] : new Dictionary<string, object> { ["approved_by"] = approvedBy }, _toolsKey);

    private string Issue(string subject, string audience, TimeSpan lifetime, Dictionary<string, object> claims, SymmetricSecurityKey key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject)]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
