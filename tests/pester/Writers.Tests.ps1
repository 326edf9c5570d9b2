#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Cmdlets that write files: -WhatIf, -Confirm, refusing to overwrite, -Force, naming, and never
# changing their input.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Cmdlets.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe '<Name> writes' -ForEach $WriterCmdlets {
    BeforeEach {
        $work = New-WorkFolder
        $inputFile = Join-Path $work 'x_cells.tif'
        Copy-Item $Source $inputFile
    }

    It 'writes beside the input with the suffix and reports what it wrote' {
        $result = Get-Item $inputFile | & $Name @Arguments -Suffix _clean
        $output = Join-Path $work 'x_cells_clean.tif'
        $output | Should -Exist
        $result.OutputPath | Should -Be $output
        $result.Path | Should -Be $inputFile
        (Get-SegImageInfo $output).Shape | Should -Be (Get-SegImageInfo $inputFile).Shape
    }

    It 'writes nothing with -WhatIf' {
        & $Name $inputFile @Arguments -WhatIf | Should -BeNullOrEmpty
        Get-ChildItem $work | Should -HaveCount 1
    }

    It 'writes without asking with -Confirm:$false, even when asked to confirm everything' {
        $ConfirmPreference = 'Low'
        & $Name $inputFile @Arguments -Confirm:$false | Out-Null
        Join-Path $work 'x_cells_processed.tif' | Should -Exist
    }

    It 'refuses to overwrite an existing output, and overwrites it with -Force' {
        $output = Join-Path $work 'out.tif'
        Set-Content $output 'an earlier result'
        & $Name $inputFile @Arguments -OutputPath $output -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.OutputExists*'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $output | Should -Be 'an earlier result'

        & $Name $inputFile @Arguments -OutputPath $output -Force -ErrorAction Stop | Out-Null
        (Get-SegImageInfo $output).Shape | Should -Be (Get-SegImageInfo $inputFile).Shape
    }

    It 'writes one output per input into an -OutputPath folder, and never changes the input' {
        $before = (Get-FileHash $inputFile).Hash
        Copy-Item $inputFile (Join-Path $work 'y_cells.tif')
        $outDir = New-WorkFolder
        Get-ChildItem $work -Filter *_cells.tif | & $Name @Arguments -OutputPath $outDir | Should -HaveCount 2
        Get-ChildItem $outDir | Should -HaveCount (2 * ($OutputsPerInput ?? 1))
        (Get-FileHash $inputFile).Hash | Should -Be $before
    }
}

Describe 'Post-processing results' {
    It 'removes segments below the size limit' {
        $work = New-WorkFolder
        $kept = Remove-SmallSegment $CellsSeg -MinSize 1000000 -OutputPath (Join-Path $work 'none.tif')
        $kept.SegmentsBefore | Should -Be 38
        $kept.SegmentsAfter | Should -Be 0
        (Get-SegImageInfo (Join-Path $work 'none.tif')).Labels | Should -Be 0
    }

    It 'pipes the written outputs into a measurement' {
        $work = New-WorkFolder
        $rows = Remove-SmallSegment $CellsSeg -MinSize 200 -OutputPath (Join-Path $work 'big.tif') |
            ForEach-Object { Measure-Morphology -LiteralPath $_.OutputPath }
        @($rows).Count | Should -BeLessThan 38
        $rows | ForEach-Object { $_.area | Should -BeGreaterOrEqual 200 }
    }
}
