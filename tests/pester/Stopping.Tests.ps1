#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Ctrl+C and progress reach the core: a long clustering or embedding of a large table, run in a
# second runspace as a console host would run it, stops within 2 s of Stop() and reports
# progress while it runs.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # A script for the second runspace: a generated table of $Rows measurement records piped
    # into one analysis cmdlet. Generated there, so nothing crosses runspaces but numbers.
    $script:Analysis = @'
param([string] $ModulePath, [int] $Rows, [string] $Command, [hashtable] $Arguments)
Import-Module $ModulePath -ErrorAction Stop
$random = [System.Random]::new(7)
$records = foreach ($i in 1..$Rows) {
    $cluster = $i % 4
    [pscustomobject]@{
        index     = $i
        area      = 100 * $cluster + 10 * $random.NextDouble()
        perimeter = 40 * $cluster + 5 * $random.NextDouble()
        solidity  = 0.2 * $cluster + 0.1 * $random.NextDouble()
        intensity = 3 * $cluster + $random.NextDouble()
        annotation = $cluster + 1   # every row: training long enough to report progress
    }
}
$records | & $Command @Arguments | Measure-Object | Select-Object -ExpandProperty Count
'@

    # Starts the analysis in a new runspace and returns once its core work reports progress.
    function Start-Analysis([string] $Command, [hashtable] $Arguments, [int] $Rows = 40000) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript($script:Analysis).
            AddParameter('ModulePath', $ModuleFolder).AddParameter('Rows', $Rows).
            AddParameter('Command', $Command).AddParameter('Arguments', $Arguments)
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while ($ps.Streams.Progress.Count -eq 0 -and -not $handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 100
        }
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle }
    }


    # Stops a running analysis and returns how long Stop() took.
    function Stop-Analysis($run) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $run.PowerShell.Stop()
        $watch.Stop()
        $watch.Elapsed
    }
}

Describe 'Ctrl+C reaches the core' {
    It 'stops <Command> -Method <Method> on 40 000 rows within 2 s' -ForEach @(
        @{ Command = 'Add-SegEmbedding'; Method = 'tsne'; Arguments = @{ Method = 'tsne' } }
        @{ Command = 'Invoke-Clustering'; Method = 'mean_shift'; Arguments = @{ Method = 'mean_shift' } }
    ) {
        $run = Start-Analysis $Command $Arguments
        try {
            Get-StreamRecords $run.PowerShell.Streams.Error | Should -BeNullOrEmpty
            $run.Handle.IsCompleted | Should -BeFalse -Because 'the analysis must still be running when it is stopped'
            Start-Sleep -Seconds 2
            $run.Handle.IsCompleted | Should -BeFalse -Because 'the analysis takes longer than the wait'
            $elapsed = Stop-Analysis $run
            $elapsed.TotalSeconds | Should -BeLessThan 2
            $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $run.PowerShell.Dispose()
        }
    }
}

Describe 'Progress reaches the host' {
    It 'relays the core progress of <Command> as progress records' -ForEach @(
        @{ Command = 'Add-SegEmbedding'; Arguments = @{ Method = 'tsne' }; Activity = 't-SNE' }
        @{ Command = 'New-SegClassifier'; Arguments = @{}; Activity = 'Growing trees' }
    ) {
        $run = Start-Analysis $Command $Arguments -Rows 40000
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (-not (Get-StreamRecords $run.PowerShell.Streams.Progress | Where-Object Activity -eq $Activity) -and -not $run.Handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 100
            }
            $records = @(Get-StreamRecords $run.PowerShell.Streams.Progress | Where-Object Activity -eq $Activity)
            $records.Count | Should -BeGreaterThan 0
            $records[0].ParentActivityId | Should -Be 1
            $records[0].PercentComplete | Should -BeGreaterOrEqual 0
        }
        finally {
            $null = Stop-Analysis $run
            $run.PowerShell.Dispose()
        }
    }
}
