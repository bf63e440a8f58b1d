using SupportAgent.Offline.Understanding;
using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Graph;

/// <summary>Which messages answer the assistant's last question (and so keep the thread's lane), and which may change topic.</summary>
public sealed class FollowUpsTests
{
    private const string RefundQuestion = "Order 1250 is delivered, so it can be refunded. Shall I refund $74.00 for order 1250 to your original payment method?";
    private const string OrderQuestion = "Which order would you like me to check? Please share the order number; it's in your order confirmation email.";

    [Theory]
    [InlineData("yes")]
    [InlineData("no thanks, I'll manage")]
    [InlineData("no, leave it then")]
    [InlineData("yes, the full amount")]
    [InlineData("actually no, I'll keep it")]
    [InlineData("great, thank you!")]
    public void Short_yes_or_no_answers_continue(string text) => Assert.True(FollowUps.IsContinuation(text));

    [Fact]
    public void A_longer_answer_that_opens_with_no_continues_right_after_a_question()
    {
        Assert.True(FollowUps.IsContinuation("No, I'll hang on to it for now, thanks a lot", RefundQuestion));
        Assert.False(FollowUps.IsContinuation("No, I'll hang on to it for now, thanks a lot"));
    }

    [Fact]
    public void The_order_number_asked_for_continues()
    {
        Assert.True(FollowUps.IsContinuation("It's order 1054", OrderQuestion));
        Assert.False(FollowUps.IsContinuation("It's order 1054", "Order 1002 is in transit."));
    }

    /// <summary>A corrected order number is the same request, whatever the assistant said in between.</summary>
    [Theory]
    [InlineData("Sorry, typo - I meant 1230")]
    [InlineData("wrong number, should be 1088")]
    [InlineData("my bad, it's 1230 not 1203")]
    public void A_corrected_order_number_continues(string text)
    {
        Assert.True(FollowUps.IsContinuation(text, OrderQuestion));
        Assert.True(FollowUps.IsContinuation(text, "I couldn't find tracking for order 1203."));
    }

    [Theory]
    [InlineData("Thanks! Also, where's my other order, 1392?")]
    [InlineData("yes and where is my other parcel right now")]
    [InlineData("Where's order 1203?")]
    [InlineData("Different question: what is your returns policy on rugs?")]
    public void Questions_and_new_requests_are_left_to_the_router(string text) =>
        Assert.False(FollowUps.IsContinuation(text, RefundQuestion));
}
