using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// The customer's answer to a proposal (docs/CONTRACTS.md, "Proposals"): money moves on Yes only, so every doubtful
/// phrasing must read as No or as no answer, never as Yes.
/// </summary>
public sealed class ProposalsConfirmationTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("Yes please")]
    [InlineData("yes, go on, I won't need it anyway")]
    [InlineData("yeah go ahead")]
    [InlineData("yse")]
    [InlineData("yess pleas")]
    [InlineData("sure")]
    [InlineData("ok")]
    [InlineData("Okay, do it")]
    [InlineData("go ahaed")]
    [InlineData("please proceeed")]
    [InlineData("That's right, refund it")]
    [InlineData("no problem, go ahead")]
    [InlineData("Yes, I don't need it anymore")]
    [InlineData("absolutely")]
    [InlineData("sounds good, thanks")]
    [InlineData("yep, the full $129.99")]
    [InlineData("yes for order 1001")]
    [InlineData("Yes, but how long will it take?")]
    [InlineData("wait... yes, do it")]
    [InlineData("I confirm")]
    [InlineData("yes it never arrived so please refund it")]
    public void Reads_yes(string text) =>
        Assert.Equal(ConfirmationAnswer.Yes, ConfirmationReader.Read(text, "1001", 129.99m));

    [Theory]
    [InlineData("no")]
    [InlineData("no, don't refund it")]
    [InlineData("yes I know, but no")]
    [InlineData("No, don't do it")]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("not now")]
    [InlineData("dont")]
    [InlineData("please don't")]
    [InlineData("Actually, cancel that")]
    [InlineData("never mind")]
    [InlineData("I changed my mind, I'll keep it")]
    [InlineData("absolutely not")]
    [InlineData("I don't think so")]
    [InlineData("no thanks")]
    [InlineData("I'd rather not")]
    [InlineData("ok, actually no")]
    [InlineData("I don't want the refund anymore")]
    [InlineData("forget it")]
    [InlineData("Yes. No wait, don't")]
    public void Reads_no(string text) =>
        Assert.Equal(ConfirmationAnswer.No, ConfirmationReader.Read(text, "1001", 129.99m));

    [Theory]
    [InlineData("make it $50 instead")]
    [InlineData("yes but only 40 dollars")]
    [InlineData("no, I meant order 1007")]
    [InlineData("yes, for #1002")]
    public void Reads_a_counter_proposal(string text) =>
        Assert.Equal(ConfirmationAnswer.Counter, ConfirmationReader.Read(text, "1001", 129.99m));

    [Theory]
    [InlineData("how long does a refund take?")]
    [InlineData("what's your returns policy")]
    [InlineData("ok so how long will it take to reach my card?")]
    [InlineData("please tell me more about refunds and how they work here")]
    [InlineData("hmm let me think about it")]
    [InlineData("not sure")]
    [InlineData("hold on")]
    [InlineData("")]
    [InlineData("Can you check where my other parcel is? It was supposed to arrive yesterday and the tracking has not moved at all since Monday, which is annoying")]
    public void Reads_no_answer(string text) =>
        Assert.Equal(ConfirmationAnswer.NotAnAnswer, ConfirmationReader.Read(text, "1001", 129.99m));
}
