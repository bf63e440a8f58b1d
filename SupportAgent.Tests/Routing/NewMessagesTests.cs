using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Routing;

/// <summary>Messages written for this test only, in neither data file: how the router does on traffic it never saw.</summary>
[Collection(ClassifierCollection.Name)]
public sealed class NewMessagesTests(ClassifierFixture fixture, ITestOutputHelper output)
{
    private static readonly (string Lane, string Text)[] messages =
    [
        (Lanes.Refund, "hey so the coat I sent back on the 2nd... any sign of my money?"),
        (Lanes.Refund, "I see 2 charges of $88.40 for ord 1311, please reverse one"),
        (Lanes.Refund, "The espresso cups were chipped, I'd rather have the cash back than new ones"),
        (Lanes.Refund, "please cancel #1206, haven't shipped yet right? I want the money back on my Amex"),
        (Lanes.Refund, "you promised a refund of 30 dollars for the scratched table, still not on my account"),
        (Lanes.Refund, "I want to return the bedside lamp, it's too bright, and get refunded"),
        (Lanes.Refund, "give me my money back"),
        (Lanes.Refund, "Refund status order 1177?"),
        (Lanes.Refund, "it dropped in price to $60 two days after I paid $85, can you refund the difference"),
        (Lanes.Refund, "i been waiting refund since 3 weeks for the tv stand"),
        (Lanes.Shipping, "Tracking hasn't changed since Thursday for order 1311"),
        (Lanes.Shipping, "the box came today but the mirror inside is cracked, can you send another mirror?"),
        (Lanes.Shipping, "Could the courier drop it at the pickup shop on Main Street instead?"),
        (Lanes.Shipping, "I moved last week, please send order 1206 to my new flat"),
        (Lanes.Shipping, "my parcel says delivered but its not here and my neighbours dont have it"),
        (Lanes.Shipping, "when does order 1177 get here"),
        (Lanes.Shipping, "the rug still hasnt turned up, its been ages"),
        (Lanes.Shipping, "The delivery driver couldn't get into my building, can they try again Monday?"),
        (Lanes.Shipping, "I think the courier lost it, nothing moved in 12 days, can you send another?"),
        (Lanes.Shipping, "hi! has my stuff been shipped yet?"),
        (Lanes.OrderLookup, "What was on order 1311 again? I forgot what I picked"),
        (Lanes.OrderLookup, "can you list everything I ordered since January"),
        (Lanes.OrderLookup, "I need an invoice for ord 1206 for my company's expenses"),
        (Lanes.OrderLookup, "how much did order 1177 come to in total?"),
        (Lanes.OrderLookup, "did I order the queen or the king size duvet?"),
        (Lanes.OrderLookup, "Is order 1490 still pending?"),
        (Lanes.OrderLookup, "show me my past orders please"),
        (Lanes.OrderLookup, "What's the order number for the coffee table I bought last month?"),
        (Lanes.OrderLookup, "was my order placed? the page froze after I paid"),
        (Lanes.OrderLookup, "Can I get a receipt for the chairs I bought?"),
        (Lanes.General, "How long is the return window for furniture?"),
        (Lanes.General, "I can't reset my password, the link expired"),
        (Lanes.General, "Do you take Apple Pay or only cards?"),
        (Lanes.General, "is the kettle covered by a warranty if it breaks?"),
        (Lanes.General, "morning! hope you are well"),
        (Lanes.General, "How much does it cost to ship to Germany?"),
        (Lanes.General, "how do I check the balance on my gift card"),
        (Lanes.General, "what's your refund policy for sale items?"),
        (Lanes.General, "Can you write me a song about spring?"),
        (Lanes.General, "I'd like to change the email address on my account"),
    ];

    [Fact]
    public void At_least_85_percent_of_unseen_messages_are_routed_right()
    {
        var correct = 0;
        foreach (var (lane, text) in messages)
        {
            var prediction = fixture.Classifier.Predict(text);
            if (prediction.Lane == lane) correct++;
            else output.WriteLine($"miss: {lane} -> {prediction.Lane} ({prediction.Confidence:F2}) {text}");
        }

        var accuracy = (double)correct / messages.Length;
        output.WriteLine($"unseen messages: {correct}/{messages.Length} = {accuracy:P1}");
        Assert.True(accuracy >= 0.85, $"{accuracy:P1}");
    }

    [Fact]
    public void The_unseen_messages_are_really_unseen()
    {
        var known = IntentData.Train.Concat(IntentData.HeldOut).Select(m => DataKey.Of(m.Text)).ToHashSet();

        Assert.DoesNotContain(messages, m => known.Contains(DataKey.Of(m.Text)));
    }
}
