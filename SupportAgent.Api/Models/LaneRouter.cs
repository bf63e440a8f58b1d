using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Agents.Prompts;
using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;

namespace SupportAgent.Api.Models;

/// <summary>ROUTE's answer: a lane, how sure, who decided, and what the decision cost.</summary>
/// <param name="Source"><see cref="LaneRouter.Sources"/>: the local classifier, the router model, or the classifier after the model failed.</param>
public sealed record LaneChoice(string Lane, double Confidence, string Source, TokenUsage Usage);

/// <summary>
/// The router role. Offline, the router is the local classifier behind the chat-client protocol. With a model
/// (provider OpenAI), the local classifier still routes first and the model is asked only when the classifier is
/// unsure (<see cref="ModelOptions.AskModelBelow"/>), so the usual turn makes no router round trip. The model sees the
/// recent conversation, answers in the configured shape (structured output by default), and when its answer does
/// not parse or the call fails the classifier's lane stands: a broken router answer never becomes GENERAL with
/// confidence 0.
/// </summary>
public sealed class LaneRouter(
    [FromKeyedServices(ModelRoles.Router)] IChatClient router,
    IIntentClassifier classifier,
    IOptionsMonitor<ModelOptions> models,
    ModelPricing pricing,
    ILogger<LaneRouter> logger)
{
    public static class Sources
    {
        public const string Local = "local";
        public const string Model = "model";
        public const string LocalAfterModel = "local_after_model";
    }

    /// <param name="text">The customer's message to route.</param>
    /// <param name="currentLane">The thread's lane, if it has one.</param>
    /// <param name="earlier">The conversation before <paramref name="text"/>, oldest first.</param>
    public async Task<LaneChoice> RouteAsync(string text, string? currentLane, IReadOnlyList<HistoryLine> earlier, CancellationToken ct)
    {
        var options = models.Get(ModelRoles.Router);
        if (options.Provider == ModelProvider.Offline)
        {
            // The classifier reads the message alone, so the history would only add estimated tokens to the bill.
            var response = await router.GetResponseAsync(RouterPrompt.Messages(text, currentLane), RouterPrompt.Options(RouterResponseFormat.Text), ct);
            var offline = RouterReply.Parse(response.Text);
            return new(offline.Lane, offline.Confidence, Sources.Local, Price(response.Usage, response.Text, []));
        }

        var local = classifier.Predict(text);
        if (local.Confidence >= options.AskModelBelow) return new(local.Lane, local.Confidence, Sources.Local, TokenUsage.Zero);

        var messages = RouterPrompt.Messages(text, currentLane, earlier);
        try
        {
            var response = await router.GetResponseAsync(messages, RouterPrompt.Options(options.ResponseFormat), ct);
            var usage = Price(response.Usage, response.Text, messages);
            if (response.FinishReason != ChatFinishReason.ContentFilter && RouterReply.TryParse(response.Text, out var reply))
                return new(reply.Lane, reply.Confidence, Sources.Model, usage);
            logger.LogWarning("The router model's answer did not name a lane (finish {FinishReason}, {Length} characters); the local classifier routes",
                response.FinishReason?.Value, response.Text.Length);
            return new(local.Lane, local.Confidence, Sources.LocalAfterModel, usage);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Retries are behind us (ModelResilience): routing goes on without the model rather than failing the turn.
            logger.LogWarning(ex, "The router model failed; the local classifier routes");
            return new(local.Lane, local.Confidence, Sources.LocalAfterModel, TokenUsage.Zero);
        }
    }

    private TokenUsage Price(UsageDetails? usage, string output, IEnumerable<ChatMessage> input) =>
        pricing.Price(ModelRoles.Router, usage, input, output).ToTokenUsage();
}
