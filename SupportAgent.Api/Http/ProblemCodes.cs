namespace SupportAgent.Api.Http;

/// <summary>
/// Every error the Api answers is an RFC 7807 problem (<see cref="SupportAgent.ServiceDefaults.Http.Problems"/>) with
/// one of these stable codes in its <c>code</c> extension; clients switch on the code, never on the text. Problems the
/// framework writes itself get theirs from <see cref="SupportAgent.ServiceDefaults.Http.ProblemDefaults.CodeFor"/>.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MessageEmpty = "message_empty";
    public const string MessageTooLong = "message_too_long";
    public const string MalformedJson = "malformed_json";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string ThreadNotFound = "thread_not_found";
    public const string HandoffNotFound = "handoff_not_found";
    public const string HandoffNotClaimable = "handoff_already_claimed";
    public const string HandoffNotYours = "handoff_not_yours";
    public const string HandoffClosed = "handoff_closed";
    public const string HandoffNoProposal = "handoff_has_no_proposal";
    public const string OrderUnavailable = "order_unavailable";
    public const string TurnInProgress = "turn_in_progress";
    public const string FeedbackExists = "feedback_already_given";
    public const string UnknownSubject = "unknown_subject";
    public const string RateLimited = "rate_limited";
    public const string SpendCapReached = "spend_cap_reached";
    public const string TurnFailed = "turn_failed";
    public const string TurnTimeout = "turn_timeout";
    public const string TurnInterrupted = "turn_interrupted";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string Internal = "internal_error";
    public const string StorageUnavailable = "storage_unavailable";
}
