using System.Management.Automation;
using SegMeasure.Core;

namespace SegMeasure.PowerShell;

/// <summary>
/// The one home of what every SegMeasure cmdlet base needs for long core calls: <see cref="Run{T}"/>
/// runs the call on a worker thread and relays its progress as Write-Progress, and Ctrl+C
/// (StopProcessing) cancels it through <see cref="StoppingToken"/>.
/// </summary>
public abstract class CoreCmdlet : PSCmdlet
{
    /// <summary>Activity id of the cmdlet's own progress bar; core progress is nested under it.</summary>
    protected const int ProgressId = 1;

    private readonly CoreWork _work = new();

    /// <summary>Cancelled when the user presses Ctrl+C.</summary>
    protected CancellationToken StoppingToken => _work.Token;

    protected override void StopProcessing() => _work.Stop();

    /// <summary>
    /// Runs a long core call on a worker thread and relays its progress under this cmdlet's bar;
    /// Ctrl+C cancels it. The call must not touch the cmdlet: everything it needs goes in by value.
    /// </summary>
    protected T Run<T>(Func<IProgress<WorkProgress>, CancellationToken, T> work) => _work.Run(this, ProgressId, work);

    /// <summary>As <see cref="Run{T}"/>, handing the call's items to <paramref name="onItem"/> on the pipeline thread as they come
    /// (so it may write objects and errors), while the call goes on.</summary>
    protected T RunStreaming<T, TItem>(Func<IProgress<WorkProgress>, Action<TItem>, CancellationToken, T> work, Action<TItem> onItem) =>
        _work.RunStreaming(this, ProgressId, work, onItem);
}
