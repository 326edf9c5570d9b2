#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module as a whole: what it exports, its help, its views, and how it shares a session.

BeforeDiscovery {
    $cmdlets = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' '..' 'SegMeasure.psd1')).CmdletsToExport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'The module' {
    It 'exports exactly the cmdlets and aliases its manifest lists' {
        $module = Get-Module SegMeasure
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        @($module.ExportedAliases.Keys | Sort-Object) | Should -Be @($Manifest.AliasesToExport | Sort-Object)
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        Get-Command -Module SegMeasure -CommandType Cmdlet | ForEach-Object { $_.Verb | Should -BeIn $approved }
    }

    It 'resolves every alias to one of its cmdlets' {
        foreach ($alias in $Manifest.AliasesToExport) {
            (Get-Alias $alias).ResolvedCommand.Module.Name | Should -Be 'SegMeasure'
        }
        (Get-Alias Train-SegClassifier).ResolvedCommandName | Should -Be 'New-SegClassifier'
    }

    It 'states the PowerShell it is tested with as its minimum' {
        $tools = Get-Content (Join-Path $Repository '.config' 'dotnet-tools.json') | ConvertFrom-Json
        $pinned = [version]$tools.tools.powershell.version
        (Get-Module SegMeasure).PowerShellVersion | Should -Be ([version]"$($pinned.Major).$($pinned.Minor)")
        $PSVersionTable.PSVersion.Major, $PSVersionTable.PSVersion.Minor | Should -Be $pinned.Major, $pinned.Minor
    }

    It 'ships the about topic' {
        Get-Help about_SegMeasure | Out-String | Should -Match 'delay-bind'
    }
}

Describe 'Help of <_>' -ForEach $cmdlets {
    BeforeAll {
        $name = $_
        $full = Get-Help $name -Full
    }

    It 'has a synopsis and a description, not the generated stubs' {
        $full.Synopsis | Should -Not -BeNullOrEmpty
        $full.Synopsis | Should -Not -Match '^\s*\S+\s+\[' # not the generated syntax stub
        ($full.Description.Text -join "`n") | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($p in (Get-Command $name).Parameters.Values | Where-Object Name -notin $common) {
            ($full.parameters.parameter | Where-Object name -eq $p.Name).description.Text | Should -Not -BeNullOrEmpty -Because "-$($p.Name) of $name needs help"
        }
    }

    It 'shows examples that call it' {
        $examples = @((Get-Help $name -Examples).Examples.Example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $text = ($example.Code + ' ' + ($example.Remarks.Text -join ' '))
            $aliases = @((Get-Alias -Definition $name -ErrorAction SilentlyContinue).Name)
            ($text -match [regex]::Escape($name)) -or ($aliases | Where-Object { $text -match [regex]::Escape($_) }) | Should -BeTrue -Because "an example of $name should use it"
        }
    }

    It 'renders -Full as text with its syntax' {
        $text = Get-Help $name -Full | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($name))
        $text | Should -Match 'SYNTAX'
        $text | Should -Match 'PARAMETERS'
    }
}

Describe 'Default views' {
    BeforeAll {
        $twoFiles = Get-ChildItem $Examples -Filter *-seg.tif
    }

    It 'shows <Type> objects as a table with the file name and its columns' -ForEach @(
        @{ Type = 'SegMeasure.Morphology'; Make = { $twoFiles | Measure-Morphology }; Headers = 'index', 'area' }
        @{ Type = 'SegMeasure.Intensity'; Make = { Measure-Intensity $CellsSeg -IntensityPath $CellsRaw }; Headers = 'index', 'mean' }
        @{ Type = 'SegMeasure.CellNucleus'; Make = { Measure-CellNucleus $CellsSeg -NucleusPath $NucleiSeg }; Headers = 'index', 'n_nuclei' }
        @{ Type = 'SegMeasure.ImageInfo'; Make = { $twoFiles | Get-SegImageInfo }; Headers = 'Labels' }
    ) {
        $objects = & $Make
        $objects[0].PSObject.TypeNames[0] | Should -Be $Type
        $text = $objects | Format-Table | Out-String -Width 200
        foreach ($header in $Headers) { $text | Should -Match ([regex]::Escape($header)) }
        $text | Should -Match '-seg\.tif'
        # The full path is a column of the data, not of the view: the view shows the file name.
        $text | Should -Not -Match ([regex]::Escape($Examples))
        # One line per object below the header (and one line of dashes).
        @($text -split "`n" | Where-Object { $_ -match '-seg\.tif' }).Count | Should -Be @($objects).Count
    }

    It 'lists every column of a record with Format-List, whatever the table view shows' {
        $text = Measure-Morphology $NucleiSeg | Select-Object -First 1 | Format-List | Out-String
        foreach ($column in 'index', 'area', 'perimeter', 'sphericity', 'solidity', 'axis_major_length', 'axis_minor_length', 'equivalent_diameter', 'Path') {
            $text | Should -Match "(?m)^$column\s+:"
        }
    }

    It 'shows post-processing results with before and after counts' {
        $work = New-WorkFolder
        $text = Remove-SmallSegment $CellsSeg -MinSize 100 -OutputPath (Join-Path $work 'out.tif') | Format-Table | Out-String
        $text | Should -Match 'Before'
        $text | Should -Match 'After'
        $text | Should -Match '\b38\b'
    }

    It 'shows a trained classifier by method and classes' {
        $annotated = Measure-Morphology $CellsSeg | Select-Object *, @{ n = 'annotation'; e = { if ($_.area -gt 400) { 2 } else { 1 } } }
        $text = $annotated | New-SegClassifier | Format-Table | Out-String
        $text | Should -Match 'RandomForest'
    }

    It 'sorts and groups segments by file, then label id, without -Property' {
        $rows = Get-ChildItem $Examples -Filter *-seg.tif | Measure-Morphology | Sort-Object -Descending
        $rows[0].Path | Should -BeLike '*nucleus-seg.tif'
        $rows[0].index | Should -Be 24
    }
}

Describe 'Sharing the session with other modules' {
    BeforeAll {
        $packages = $env:SEGMEASURE_PACKAGE_ROOT
        # Other versions of the libraries the core uses, as another module would bring them.
        $others = @(
            Join-Path $packages 'csvhelper' '30.0.1' 'lib' 'net6.0' 'CsvHelper.dll'
            Join-Path $packages 'mathnet.numerics' '4.15.0' 'lib' 'netstandard2.0' 'MathNet.Numerics.dll'
            Join-Path $packages 'documentformat.openxml.framework' '3.3.0' 'lib' 'net8.0' 'DocumentFormat.OpenXml.Framework.dll'
            Join-Path $packages 'documentformat.openxml' '3.3.0' 'lib' 'net8.0' 'DocumentFormat.OpenXml.dll'
        )
        # A binary module that carries those versions, as a user would have installed it.
        $otherModule = Join-Path $TestDrive 'OtherModule'
        New-Item -ItemType Directory $otherModule | Out-Null
        Copy-Item $others $otherModule
        $names = ($others | ForEach-Object { "'$(Split-Path $_ -Leaf)'" }) -join ', '
        Set-Content (Join-Path $otherModule 'OtherModule.psd1') "@{ ModuleVersion = '1.0'; RequiredAssemblies = @($names); FunctionsToExport = @(); CmdletsToExport = @() }"

        # Uses SegMeasure's CSV, XLSX and linear algebra (PCA), then the other module's versions,
        # in one fresh process, and prints what each produced and which versions are loaded.
        $work = New-WorkFolder
        $exercise = @"
`$ErrorActionPreference = 'Stop'
`$rows = Measure-Morphology '$NucleiSeg'
`$rows | Export-SegTable '$work/t.csv' -Force; `$rows | Export-SegTable '$work/t.xlsx' -Force
"csv=`$(@(Import-SegTable '$work/t.csv').Count)"
"xlsx=`$(@(Import-SegTable '$work/t.xlsx').Count)"
"pca=`$(@(`$rows | Add-SegEmbedding -Method PCA | Where-Object { `$null -ne `$_.embedding_1 }).Count)"
`$reader = [CsvHelper.CsvReader]::new([IO.StringReader]::new("a,b``n1,2``n"), [Globalization.CultureInfo]::InvariantCulture)
`$null = `$reader.Read(); `$null = `$reader.ReadHeader(); `$null = `$reader.Read()
"other-csv=`$(`$reader.GetField('b'))"
"other-mathnet=`$([MathNet.Numerics.LinearAlgebra.Matrix[double]]::Build.DenseIdentity(3).Trace())"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'CsvHelper', 'MathNet.Numerics', 'DocumentFormat.OpenXml' } |
    ForEach-Object { 'loaded={0} {1}' -f `$_.GetName().Name, `$_.GetName().Version.Major }
"@
        $expected = 'csv=24', 'xlsx=24', 'pca=24', 'other-csv=2', 'other-mathnet=3'
    }

    It 'works when a module with other versions of its libraries was imported first' {
        $out = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$otherModule'; Import-Module '$ModuleFolder'; $exercise" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        foreach ($line in $expected) { $out | Should -Contain $line }
        # Both versions side by side: the other module's in the default context, ours in SegMeasure's.
        foreach ($line in 'loaded=CsvHelper 30', 'loaded=CsvHelper 33', 'loaded=DocumentFormat.OpenXml 3', 'loaded=DocumentFormat.OpenXml 2') { $out | Should -Contain $line }
    }

    It 'leaves other modules working when it was imported first' {
        $out = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleFolder'; `$null = Measure-Morphology '$NucleiSeg' | Export-SegTable '$work/first.xlsx' -Force; Import-Module '$otherModule'; $exercise" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        foreach ($line in $expected) { $out | Should -Contain $line }
    }
}
