using System.Diagnostics;
using Microsoft.Agents.AI.Workflows;
using SupportAgent.Api.Persistence;

namespace SupportAgent.Api.Graph;

/// <summary>
/// Runs one turn of a thread's workflow session. A turn resumes from the checkpoint that ended the previous turn,
/// so a turn cut off by a crash is simply run again from there (tool calls replay by call id, money moves once).
/// </summary>
public sealed class WorkflowTurnRunner(GraphServices services, PostgresCheckpointStore store) : ITurnRunner
{
    private readonly CheckpointManager _checkpoints = CheckpointManager.CreateJson(store);

    public async Task<TurnResult> RunTurnAsync(TurnRequest request, ITurnEventSink sink, CancellationToken ct)
    {
        using var span = StartTurnSpan(request, "message");
        var scope = new TurnScope(request, sink) { TurnActivity = span?.Context ?? default };
        var workflow = SupportWorkflow.Build(scope, services);
        var environment = InProcessExecution.OffThread.WithCheckpointing(_checkpoints);
        var turn = new CustomerTurn(request.TurnId, request.Text);

        StreamingRun run;
        if (request.ResumeFrom is null)
        {
            run = await environment.RunStreamingAsync(workflow, turn, request.ThreadId, ct);
        }
        else
        {
            run = await environment.ResumeStreamingAsync(workflow, new CheckpointInfo(request.ThreadId, request.ResumeFrom), ct);
            await run.TrySendMessageAsync(turn);
        }
        await using (run)
        {
            var checkpoint = await DrainAsync(run, ct);
            return Finish(scope, span, checkpoint);
        }
    }

    public async Task<TurnResult> ResumeFromHumanAsync(TurnRequest request, HumanResponse response, ITurnEventSink sink, CancellationToken ct)
    {
        using var span = StartTurnSpan(request, $"human_{response.Decision}");
        var scope = new TurnScope(request, sink) { TurnActivity = span?.Context ?? default };
        var workflow = SupportWorkflow.Build(scope, services);
        var environment = InProcessExecution.OffThread.WithCheckpointing(_checkpoints);
        var from = request.ResumeFrom ?? throw new InvalidOperationException("Nothing to resume: the thread has no checkpoint.");
        await using var run = await environment.ResumeStreamingAsync(workflow, new CheckpointInfo(request.ThreadId, from), ct);

        // Resuming re-announces the pending HUMAN request; answering it lets ROUTE carry on.
        var answered = false;
        await foreach (var e in run.WatchStreamAsync(blockOnPendingRequest: false, ct))
        {
            if (e is RequestInfoEvent pending && pending.Request.PortInfo.PortId == Escalation.HumanPortId)
            {
                await run.SendResponseAsync(pending.Request.CreateResponse(response));
                answered = true;
                break;
            }
        }
        if (!answered) throw new InvalidOperationException($"Thread {request.ThreadId} has no pending human request to answer.");
        var checkpoint = await DrainAsync(run, ct);
        return Finish(scope, span, checkpoint);
    }

    private static Activity? StartTurnSpan(TurnRequest request, string kind)
    {
        var span = GraphTelemetry.Source.StartActivity("support.turn");
        span?.SetTag("support.thread_id", request.ThreadId);
        span?.SetTag("support.turn_id", request.TurnId);
        span?.SetTag("support.customer_id", request.CustomerId);
        span?.SetTag("support.turn_kind", kind);
        return span;
    }

    private static TurnResult Finish(TurnScope scope, Activity? span, string? checkpoint)
    {
        var outcome = scope.Handoff is not null ? "escalated" : "answered";
        span?.SetTag("support.lane", scope.Lane);
        span?.SetTag("support.outcome", outcome);
        span?.SetTag("gen_ai.usage.input_tokens", scope.Usage.InputTokens);
        span?.SetTag("gen_ai.usage.output_tokens", scope.Usage.OutputTokens);
        return new TurnResult(scope.Reply, scope.Lane, scope.Usage, scope.Handoff, checkpoint);
    }

    /// <summary>Runs the workflow until it is idle or waits for a person; returns the last checkpoint taken.</summary>
    private static async Task<string?> DrainAsync(StreamingRun run, CancellationToken ct)
    {
        string? checkpoint = null;
        await foreach (var e in run.WatchStreamAsync(blockOnPendingRequest: false, ct))
        {
            switch (e)
            {
                case SuperStepCompletedEvent step when step.CompletionInfo?.Checkpoint is { } info:
                    checkpoint = info.CheckpointId;
                    break;
                case ExecutorFailedEvent failed:
                    throw new WorkflowTurnException($"Node {failed.ExecutorId} failed.", failed.Data as Exception);
                case WorkflowErrorEvent error:
                    throw new WorkflowTurnException("The workflow failed.", error.Exception);
            }
        }
        return checkpoint;
    }
}

public sealed class WorkflowTurnException(string message, Exception? inner) : Exception(message, inner);
