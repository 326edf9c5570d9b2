<#
    Shared by every *.Tests.ps1 file: dot-sourced in each file's BeforeAll. It imports the module
    folder the build assembles (or $env:SEGMEASURE_MODULE, to test another copy) and names the
    example data and the helpers the suites use.
#>
$Repository = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$ModuleFolder = if ($env:SEGMEASURE_MODULE) { $env:SEGMEASURE_MODULE } else { Join-Path $Repository 'artifacts' 'SegMeasure' }
Import-Module $ModuleFolder -Force -ErrorAction Stop
$ModuleFolder = (Get-Module SegMeasure).ModuleBase
$Manifest = Import-PowerShellDataFile (Join-Path $Repository 'SegMeasure.psd1')

$Examples = Join-Path $Repository 'examples' 'data'
$Real = Join-Path $Repository 'tests' 'data' 'real'
$CellsSeg = Join-Path $Examples 'membrane-seg.tif'   # 38 cells
$CellsRaw = Join-Path $Examples 'membrane.tif'
$NucleiSeg = Join-Path $Examples 'nucleus-seg.tif'   # 24 nuclei
$NucleiRaw = Join-Path $Examples 'nuclei.tif'

# The PowerShell running the tests, for child processes (`dotnet pwsh` puts its folder first on PATH).
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
if (-not (Test-Path $Pwsh)) { $Pwsh = 'pwsh' }

# A plate tree: two plates, two wells each, a segmentation and its raw image per well.
function New-PlateTree([string] $Root) {
    foreach ($plate in 'plate01', 'plate02') {
        $dir = New-Item -ItemType Directory -Path (Join-Path $Root $plate) -Force
        Copy-Item $CellsSeg (Join-Path $dir 'A01_cells.tif')
        Copy-Item $CellsRaw (Join-Path $dir 'A01_raw.tif')
        Copy-Item $NucleiSeg (Join-Path $dir 'A02_cells.tif')
        Copy-Item $NucleiRaw (Join-Path $dir 'A02_raw.tif')
    }
    $Root
}

# A fresh folder below TestDrive.
function New-WorkFolder {
    (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))).FullName
}

<#
    Runs a script block in a runspace of its own with the module imported, as a host would, and
    returns what the pipeline wrote: Output, Errors, Progress (records the console would draw).
#>
function Invoke-InRunspace([scriptblock] $Script, [object[]] $ArgumentList = @()) {
    $ps = [powershell]::Create()
    try {
        # One script, not a batch of statements: a stopped batch can outlive its runspace.
        $null = $ps.AddScript("param(`$m) Import-Module `$m -ErrorAction Stop; & { $Script } @args").AddArgument($ModuleFolder)
        foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
        $output = $ps.Invoke()
        [pscustomobject]@{
            Output   = @($output)
            Errors   = @($ps.Streams.Error)
            Progress = @($ps.Streams.Progress)
        }
    }
    finally {
        $ps.Dispose()
    }
}

# The records of a runspace's stream so far. Enumerating the stream itself would wait until the
# pipeline ends: an open PSDataCollection blocks its enumerator for more records.
function Get-StreamRecords($Stream) {
    for ($i = 0; $i -lt $Stream.Count; $i++) { $Stream[$i] }
}
