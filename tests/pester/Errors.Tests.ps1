#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Bad input in a sweep: one error record per bad file, with a stable id, a category and the
# file as its target; the other files are processed; -ErrorAction Stop ends the sweep.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Cmdlets.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # A 3-D stack: a shape no example image has.
    $otherShape = Join-Path $Real 'stardist' 'synthetic_img3d.tif'

    function Get-Arguments($Arguments, $Writes) {
        $copy = $Arguments.Clone()
        if ($Writes) { $copy.OutputPath = New-WorkFolder }
        $copy
    }
}

Describe 'Errors of <Name>' -ForEach $FileCmdlets {
    BeforeAll {
        $bad = New-WorkFolder
        Copy-Item $Source (Join-Path $bad 'a_cells.tif')
        Set-Content (Join-Path $bad 'b_cells.tif') 'this is not a TIFF file'
        Copy-Item $Source (Join-Path $bad 'c_cells.tif')
    }

    It 'reports a corrupt TIFF as one error record and processes the rest' {
        $arguments = Get-Arguments $Arguments $Writes
        $out = Get-ChildItem $bad -Filter *.tif | & $Name @arguments -ErrorVariable errors -ErrorAction SilentlyContinue
        @($out | Select-Object -ExpandProperty Path -Unique).Count | Should -Be 2
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "SegMeasure.Tiff*,*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -Be (Join-Path $bad 'b_cells.tif')
        $errors[0].Exception.Message | Should -Match 'b_cells\.tif'
    }

    It 'stops the sweep at the corrupt file with -ErrorAction Stop' {
        $arguments = Get-Arguments $Arguments $Writes
        { Get-ChildItem $bad -Filter *.tif | & $Name @arguments -ErrorAction Stop } | Should -Throw -ErrorId 'SegMeasure.Tiff*'
    }

    It 'reports a missing file as ObjectNotFound' {
        $arguments = Get-Arguments $Arguments $Writes
        $missing = Join-Path $bad 'missing.tif'
        & $Name -LiteralPath $missing @arguments -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $missing
    }

    It 'reports a folder piped without -File' {
        $arguments = Get-Arguments $Arguments $Writes
        Get-Item $bad | & $Name @arguments -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.NotAFile*'
        $errors[0].TargetObject | Should -Be $bad
    }
}

Describe 'Shape checks of <Name>' -ForEach $PairedCmdlets {
    It 'names the problem when the paired image has another shape' {
        $arguments = Get-Arguments $Arguments $Writes
        $arguments[$Paired] = $otherShape
        & $Name $Source @arguments -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.ShapeMismatch*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].Exception.Message | Should -Match 'synthetic_img3d\.tif'
    }

    It 'reports a missing paired image' {
        $arguments = Get-Arguments $Arguments $Writes
        $arguments[$Paired] = Join-Path $TestDrive 'no-such-partner.tif'
        & $Name $Source @arguments -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match 'no-such-partner\.tif'
    }
}
