#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Show-SegViewer as a script drives it: started in a second runspace (it blocks until Done), its
# address read from the information stream, the server spoken to over HTTP as the page does,
# then the -PassThru rows checked and the port found closed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # Starts a pipeline ending in Show-SegViewer -NoBrowser in its own runspace; returns the
    # PowerShell instance, its async handle and the address it wrote.
    function Start-Viewer([scriptblock] $Pipeline) {
        # The pipeline sees the example paths under the same names as here.
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        foreach ($name in 'CellsSeg', 'NucleiSeg', 'Examples') { $runspace.SessionStateProxy.SetVariable($name, (Get-Variable $name -ValueOnly)) }
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        # One script, not a batch of statements: a stopped batch would go on to its next statement.
        $null = $ps.AddScript("Import-Module '$ModuleFolder'`n$($Pipeline.ToString())")
        $handle = $ps.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while (-not ($ps.Streams.Information | Where-Object Tags -contains 'SegMeasure.Viewer')) {
            if ($handle.IsCompleted -or [datetime]::UtcNow -gt $deadline) {
                throw "the viewer did not start: $($ps.Streams.Error | Out-String)"
            }
            Start-Sleep -Milliseconds 100
        }
        $address = [string]($ps.Streams.Information | Where-Object Tags -contains 'SegMeasure.Viewer' | Select-Object -First 1).MessageData
        [pscustomobject]@{ PowerShell = $ps; Handle = $handle; Address = $address; Base = ([uri]$address).GetLeftPart('Authority'); Token = ($address -split 'token=')[1] }
    }

    function Invoke-Viewer($Viewer, [string] $Path, $Body) {
        $headers = @{ 'X-SegMeasure-Token' = $Viewer.Token }
        if ($null -eq $Body) { return Invoke-RestMethod -Uri "$($Viewer.Base)$Path" -Headers $headers }
        Invoke-RestMethod -Method Post -Uri "$($Viewer.Base)$Path" -Headers $headers -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 5 -Compress)
    }

    function Test-PortOpen([string] $Base) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect(([uri]$Base).Host, ([uri]$Base).Port); $true } catch { $false } finally { $client.Dispose() }
    }
}

Describe 'Show-SegViewer' {
    It 'serves measure objects until Done, then emits them with the viewer''s columns and closes the port' {
        $viewer = Start-Viewer { Measure-Morphology $CellsSeg | Show-SegViewer -IntensityPath { $_.Path -replace '-seg\.tif$', '.tif' } -NoBrowser -PassThru }
        try {
            $viewer.Address | Should -Match '^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{64}$'
            { Invoke-WebRequest -Uri "$($viewer.Base)/api/session" } | Should -Throw '*403*'

            $session = Invoke-Viewer $viewer '/api/session'
            $session.members.Count | Should -Be 1
            $session.members[0].channels.Count | Should -Be 1

            $split = Invoke-Viewer $viewer '/api/threshold/apply' @{ column = 'area'; thresholds = @(500); names = @('small', 'large') }
            $split.members[0].categoryName | Should -Contain 'large'
            $null = Invoke-Viewer $viewer '/api/cluster' @{ method = 'kmeans'; nClusters = 2 }
            $null = Invoke-Viewer $viewer '/api/done' @{}

            $rows = $viewer.PowerShell.EndInvoke($viewer.Handle)
            $rows.Count | Should -Be 38
            $rows[0].PSObject.TypeNames | Should -Contain 'SegMeasure.Morphology'
            foreach ($row in $rows) {
                $row.category_name | Should -Be ($(if ($row.area -lt 500) { 'small' } else { 'large' }))
                $row.cluster_id | Should -BeIn 1, 2
                $row.annotation | Should -Be 0
            }
            Test-PortOpen $viewer.Base | Should -BeFalse
        }
        finally { $runspace = $viewer.PowerShell.Runspace; $viewer.PowerShell.Dispose(); $runspace.Dispose() }
    }

    It 'takes files from Get-ChildItem, measures them, and stops on Ctrl+C with the server gone' {
        $viewer = Start-Viewer { Get-ChildItem $Examples -Filter *-seg.tif | Show-SegViewer -NoBrowser -PassThru }
        try {
            (Invoke-Viewer $viewer '/api/session').members.name | Should -Be @('membrane-seg.tif', 'nucleus-seg.tif')
            $table = Invoke-Viewer $viewer '/api/table'
            $table.members[0].rows.Count | Should -Be 38
            $table.members[1].rows.Count | Should -Be 24

            $viewer.PowerShell.Stop()
            $viewer.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
            Test-PortOpen $viewer.Base | Should -BeFalse
        }
        finally { $runspace = $viewer.PowerShell.Runspace; $viewer.PowerShell.Dispose(); $runspace.Dispose() }
    }

    It 'returns files without measure objects as rows with Path and the viewer''s columns' {
        $viewer = Start-Viewer { Show-SegViewer -LiteralPath $NucleiSeg -NucleusPath $NucleiSeg -NoBrowser -PassThru }
        try {
            $null = Invoke-Viewer $viewer '/api/paint' @{ member = 0; z = 0; label = 1; radius = 3; points = @(0, 0) }
            $null = Invoke-Viewer $viewer '/api/done' @{}
            $rows = $viewer.PowerShell.EndInvoke($viewer.Handle)
            $rows.Count | Should -Be 24
            $rows[0].PSObject.TypeNames | Should -Contain 'SegMeasure.ViewerRow'
            $rows[0].Path | Should -Be $NucleiSeg
            $rows[0].PSObject.Properties.Name | Should -Contain 'classification_name'
        }
        finally { $runspace = $viewer.PowerShell.Runspace; $viewer.PowerShell.Dispose(); $runspace.Dispose() }
    }
}
