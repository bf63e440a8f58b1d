using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace SupportAgent.ToolsService.Auth;

public static class ToolsAuthentication
{
    public const string SubjectClaim = "sub";
    /// <summary>Set by the Api on a tools token when a person approved the action (docs/CONTRACTS.md, "Tokens").</summary>
    public const string ApprovedByClaim = "approved_by";

    public static IServiceCollection AddToolsAuthentication(this IServiceCollection services)
    {
        services.AddOptions<ToolsAuthOptions>().BindConfiguration(ToolsAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ToolsAuthOptions>>((jwt, auth) =>
            {
                // Keep "sub" as "sub": the subject is the customer id, and nothing should rename it.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Value.ToolsSigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = SubjectClaim,
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirstValue(SubjectClaim)))
                        {
                            context.Fail("The token has no subject (customer id).");
                        }
                        return Task.CompletedTask;
                    },
                    OnChallenge = WriteUnauthorizedProblemAsync,
                };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The subject of a validated tools token: the only customer id a tool ever acts for.</summary>
    public static string CustomerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(SubjectClaim) ?? throw new InvalidOperationException("Authenticated caller without a subject.");

    /// <summary>The agent id who approved this call, or null for an automatic action.</summary>
    public static string? ApprovedBy(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApprovedByClaim) is { } agent && !string.IsNullOrWhiteSpace(agent) ? agent.Trim() : null;

    /// <summary>401 as problem details, like every other error here, keeping the standard WWW-Authenticate header.</summary>
    private static async Task WriteUnauthorizedProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var missing = context.AuthenticateFailure is null;
        await Problems.WriteBearerChallengeAsync(context.HttpContext, missing, missing
            ? "Send a tools token: Authorization: Bearer <token>."
            : "The tools token is not valid (signature, issuer, audience, lifetime or subject).");
    }
}
