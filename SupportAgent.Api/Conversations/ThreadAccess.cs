using System.Security.Claims;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Persistence;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Who may see a thread: its customer, and any human agent. Anyone else gets the same answer as for a thread that
/// does not exist (404), so thread ids reveal nothing.
/// </summary>
public sealed class ThreadAccess(ConversationStore store)
{
    public async Task<ThreadRecord?> FindAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (id.Length > 100) return null;
        var thread = await store.GetThreadAsync(id, ct);
        if (thread is null) return null;
        return user.IsAgent() || thread.CustomerId == user.SubjectId() ? thread : null;
    }
}
