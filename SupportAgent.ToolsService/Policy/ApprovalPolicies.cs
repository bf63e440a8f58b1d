namespace SupportAgent.ToolsService.Policy;

/// <summary>Why a money action waits for a person: <c>data.policy</c> of a needs_approval result (docs/CONTRACTS.md).</summary>
public static class ApprovalPolicies
{
    public const string AboveCap = "above_cap";
    public const string DailyCeiling = "daily_ceiling";
    public const string SecondReship = "second_reship";
}
