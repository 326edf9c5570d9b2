#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Measurement sweeps as facility scripts run them: pipelines, pairing, progress, parallel runs,
# stopping, and a thousand files streamed through.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Cmdlets.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Measurement pipelines' {
    It 'pipes Get-ChildItem into Measure-Morphology, one object per segment with Path' {
        $rows = Get-ChildItem $Examples -Filter *-seg.tif | Measure-Morphology
        $rows | Should -HaveCount (24 + 38)
        $rows[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.Morphology'
        $rows | ForEach-Object { $_.Path | Should -Exist }
    }

    It 'filters, sorts and groups segments with the standard cmdlets' {
        $rows = Get-ChildItem $Examples -Filter *-seg.tif | Measure-Morphology
        $large = $rows | Where-Object area -gt 500 | Sort-Object area -Descending
        @($large).Count | Should -BeGreaterThan 0
        @($large).Count | Should -BeLessThan $rows.Count
        $large[0].area | Should -Be ($rows | Measure-Object area -Maximum).Maximum
        $groups = $rows | Group-Object { Split-Path $_.Path -Leaf }
        ($groups | Where-Object Name -eq 'membrane-seg.tif').Count | Should -Be 38
        ($groups | Where-Object Name -eq 'nucleus-seg.tif').Count | Should -Be 24
    }

    It 'exports every column with Export-Csv, whatever the view shows' {
        $csv = Join-Path $TestDrive 'morphology.csv'
        Get-ChildItem $Examples -Filter *-seg.tif | Measure-Morphology | Export-Csv $csv -NoTypeInformation
        $header = (Get-Content $csv -First 1) -replace '"', '' -split ','
        $header | Should -Be @('index', 'area', 'perimeter', 'sphericity', 'solidity', 'axis_major_length', 'axis_minor_length', 'equivalent_diameter', 'Path')
        $back = Import-Csv $csv
        $back | Should -HaveCount (24 + 38)
        [double]$back[0].area | Should -Be (Measure-Morphology $CellsSeg)[0].area
    }

    It 'exports intensity and cell-nucleus rows with their paired paths' {
        $csv = Join-Path $TestDrive 'cn.csv'
        Measure-CellNucleus $CellsSeg -NucleusPath $NucleiSeg -IntensityPath $CellsRaw | Export-Csv $csv -NoTypeInformation
        $back = Import-Csv $csv
        $back | Should -HaveCount 38
        $back[0].PSObject.Properties.Name | Should -Contain 'n_nuclei'
        $back[0].PSObject.Properties.Name | Should -Contain 'mean_intensity_ratio'
        $back[0].NucleusPath | Should -Be $NucleiSeg
    }

    It 'pairs intensity images across a plate tree with a delay-bind script block' {
        $root = New-PlateTree (Join-Path $TestDrive 'plates')
        $rows = Get-ChildItem $root -Recurse -Filter *_cells.tif |
            Measure-Intensity -IntensityPath { $_.FullName -replace '_cells', '_raw' }
        $rows | Should -HaveCount (2 * (38 + 24))
        $rows | ForEach-Object { $_.IntensityPath | Should -Be ($_.Path -replace '_cells', '_raw') }
        # Each file's numbers come from its own raw image: the two wells differ.
        ($rows | Where-Object { $_.Path -like '*A01*' })[0].mean_intensity | Should -Not -Be ($rows | Where-Object { $_.Path -like '*A02*' })[0].mean_intensity
    }

    It 'measures 3-D stacks' {
        $rows = Measure-Morphology (Join-Path $Real 'stardist' 'synthetic_mask3d.tif')
        $rows[0].PSObject.Properties.Name | Should -Contain 'volume'
        $rows[0].PSObject.Properties.Name | Should -Contain 'surface_area'
    }

    It 'takes -LiteralPath with wildcard characters in the name, and expands wildcards in -Path' {
        $odd = Join-Path $TestDrive 'well[1].tif'
        Copy-Item -LiteralPath $CellsSeg -Destination $odd
        (Get-Item -LiteralPath $odd | Measure-Morphology) | Should -HaveCount 38
        (Measure-Morphology -LiteralPath $odd) | Should -HaveCount 38
        (Measure-Morphology -Path (Join-Path $Examples '*-seg.tif')) | Should -HaveCount (24 + 38)
    }
}

Describe 'Pairing by delay-bind script blocks (<Name>)' -ForEach $PairedCmdlets {
    It 'binds the paired image per piped file' {
        $work = New-WorkFolder
        $arguments = $Arguments.Clone()
        $pairedSource = $arguments[$Paired]
        $arguments.Remove($Paired)
        # Two inputs, each with its own partner named after it.
        foreach ($well in 'w1', 'w2') {
            Copy-Item $Source (Join-Path $work "${well}_seg.tif")
            Copy-Item $pairedSource (Join-Path $work "${well}_pair.tif")
        }
        if ($Writes) { $arguments.OutputPath = $work; $arguments.Suffix = '_out' }
        # A delay-bind script block, evaluated for each piped file ($_).
        $arguments[$Paired] = { $_.FullName -replace '_seg', '_pair' }
        $out = Get-ChildItem $work -Filter *_seg.tif | & $Name @arguments -ErrorAction Stop -ErrorVariable errors -WarningAction SilentlyContinue
        $errors | Should -HaveCount 0
        @($out | Select-Object -ExpandProperty Path -Unique).Count | Should -Be 2
    }
}

Describe 'Progress' {
    It 'reports each file of a sweep and completes (<Name>)' -ForEach $FileCmdlets {
        $work = New-WorkFolder
        foreach ($i in 1..3) { Copy-Item $Source (Join-Path $work "f$i.tif") }
        $arguments = $Arguments.Clone()
        if ($Writes) { $arguments.OutputPath = New-WorkFolder }
        $run = Invoke-InRunspace {
            param($folder, $name, $arguments)
            Get-ChildItem $folder -Filter *.tif | & $name @arguments
        } -ArgumentList $work, $Name, $arguments
        $run.Errors | Should -HaveCount 0
        $records = $run.Progress
        $perFile = @($records | Where-Object { $_.RecordType -eq 'Processing' -and $_.StatusDescription -match '^f\d\.tif' })
        ($perFile.StatusDescription | Sort-Object -Unique) | Should -Be @('f1.tif (1)', 'f2.tif (2)', 'f3.tif (3)')
        $perFile[0].Activity | Should -Not -BeNullOrEmpty
        ($records | Select-Object -Last 1).RecordType | Should -Be 'Completed'
        ($records | Select-Object -Last 1).Activity | Should -Be $perFile[0].Activity
    }
}

Describe 'Runspaces' {
    It 'gives the same rows from ForEach-Object -Parallel as from a serial run' {
        $files = @(Get-ChildItem $Examples -Filter *-seg.tif) + @(Get-Item (Join-Path $Real 'bioimageanalysisnotebooks' 'blobs_labeled.tif'))
        $serial = $files | Measure-Morphology | ForEach-Object { "$(Split-Path $_.Path -Leaf)|$($_.index)|$($_.area)|$($_.perimeter)|$($_.solidity)" }
        $folder = $ModuleFolder
        $parallel = $files | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:folder
            Measure-Morphology -LiteralPath $_.FullName | ForEach-Object { "$(Split-Path $_.Path -Leaf)|$($_.index)|$($_.area)|$($_.perimeter)|$($_.solidity)" }
        }
        $serial.Count | Should -BeGreaterThan 100
        ($parallel | Sort-Object) | Should -Be ($serial | Sort-Object)
    }

    It 'stops a long sweep within 2 s and leaves no partial output (<Case>)' -ForEach @(
        @{ Case = 'table'; Script = { param($folder, $out) Get-ChildItem $folder -Filter *.tif | Measure-Morphology | Export-SegTable $out } }
        @{ Case = 'images'; Script = { param($folder, $out) Get-ChildItem $folder -Filter *.tif | Remove-SmallHole -MaxHoleSize 20 -OutputPath $out } }
    ) {
        $work = New-WorkFolder
        foreach ($i in 1..1500) { Copy-Item $CellsSeg (Join-Path $work "f$i.tif") }
        $out = if ($Case -eq 'table') { Join-Path (New-WorkFolder) 'all.csv' } else { New-WorkFolder }

        # One script, not a batch of statements: a stopped batch can outlive its runspace.
        $ps = [powershell]::Create()
        $null = $ps.AddScript("param(`$m, `$folder, `$out) Import-Module `$m; & { $Script } `$folder `$out").AddArgument($ModuleFolder).AddArgument($work).AddArgument($out)
        $async = $ps.BeginInvoke()
        # Stop while it works: after the tenth file has started.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (@(Get-StreamRecords $ps.Streams.Progress | Where-Object StatusDescription -match '\(10\)').Count -eq 0 -and -not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $async.IsCompleted | Should -BeFalse -Because 'the sweep must still be running when stopped'

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.Dispose()

        if ($Case -eq 'table') {
            $out | Should -Not -Exist
            Get-ChildItem (Split-Path $out) -Force | Should -HaveCount 0
        }
        else {
            $written = @(Get-ChildItem $out -Force)
            $written.Count | Should -BeLessThan 1500
            $written | Where-Object Name -notmatch '^f\d+\.tif$' | Should -HaveCount 0 -Because 'no temporary file may stay behind'
            # Every output that exists is whole.
            $written | Get-SegImageInfo -ErrorAction Stop | ForEach-Object { $_.Labels | Should -BeGreaterThan 0 }
        }
    }
}

Describe 'A thousand files' {
    BeforeAll {
        $plate = New-WorkFolder
        foreach ($i in 1..1000) { Copy-Item $CellsSeg (Join-Path $plate ('well{0:d4}_cells.tif' -f $i)) }
    }

    It 'streams: the first object arrives while most files are still unread' {
        $files = Get-ChildItem $plate -Filter *_cells.tif
        $script:fed = 0
        $script:fedAtFirst = $null
        $csv = Join-Path $TestDrive 'thousand.csv'
        & { foreach ($file in $files) { $script:fed++; $file } } |
            Measure-Morphology |
            ForEach-Object { if ($null -eq $script:fedAtFirst) { $script:fedAtFirst = $script:fed }; $_ } |
            Export-Csv $csv -NoTypeInformation
        $script:fed | Should -Be 1000
        # One file ahead at most: the measure cmdlet emits a file's rows before it takes the next.
        $script:fedAtFirst | Should -BeLessOrEqual 2
        (Import-Csv $csv) | Should -HaveCount (1000 * 38)
    }

    It 'sweeps into Export-Csv in a bounded working set' {
        # A fresh process, so the peak is this sweep's alone. PowerShell with the module loaded
        # and a sweep's worth of objects in flight peaks near 150 MB here. Holding every decoded
        # image (256 x 256 int64, 0.5 MB each) would add 500 MB, and holding every row object
        # (38 000 of them) well over 100 MB: 400 MB separates streaming from accumulating.
        $csv = Join-Path $TestDrive 'thousand-child.csv'
        $peak = & $Pwsh -NoProfile -NonInteractive -Command "
            `$ErrorActionPreference = 'Stop'
            Import-Module '$ModuleFolder'
            Get-ChildItem '$plate' -Filter *_cells.tif | Measure-Morphology | Where-Object area -gt 0 | Export-Csv '$csv' -NoTypeInformation
            [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
        $LASTEXITCODE | Should -Be 0
        (Import-Csv $csv) | Should -HaveCount (1000 * 38)
        Write-Host "peak working set of a 1000-file sweep: $([math]::Round([long]$peak / 1MB)) MB"
        [long]$peak | Should -BeLessThan 400MB
    }
}
