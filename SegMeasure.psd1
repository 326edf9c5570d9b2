#
# Module manifest of SegMeasure. This file is the source: the build copies it into the module
# folder (artifacts/SegMeasure/) with ModuleVersion set to the build's version. Exports are
# listed explicitly (no wildcards) so that command discovery never has to load the assembly;
# the module tests check that they match the cmdlets the assembly holds.
#
@{
    RootModule           = 'SegMeasure.dll'
    # Loaded before the root module: it isolates the core's libraries from other modules'.
    NestedModules        = @('SegMeasure.Loader.dll')
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.6'
    GUID                 = '6f0d6c1e-5a3b-4f2e-9c1d-8b7a2e4d3c51'
    Author               = 'SegMeasure contributors'
    CompanyName          = 'SegMeasure contributors'
    Copyright            = '(c) SegMeasure contributors'
    Description          = 'Post-process, measure and analyse instance segmentations of microscopy images in 2D and 3D: binary cmdlets over a compiled core whose numbers follow scikit-image and scikit-learn.'

    FormatsToProcess     = @('SegMeasure.Format.ps1xml')
    TypesToProcess       = @('SegMeasure.Types.ps1xml')

    CmdletsToExport      = @(
        'Get-SegImageInfo'
        'Measure-Intensity'
        'Measure-Morphology'
        'Measure-CellNucleus'
        'Measure-Colocalization'
        'Measure-SegObjectColocalization'
        'Measure-SegCrossCorrelation'
        'Measure-SegIntensityCorrelation'
        'Test-SegColocalization'
        'Remove-SmallSegment'
        'Remove-SmallHole'
        'Invoke-RingMask'
        'Invoke-Watershed'
        'Invoke-SegSegmentation'
        'Invoke-ShapeFilter'
        'Invoke-MaskMatching'
        'Export-SegTable'
        'Import-SegTable'
        'Import-SegManifest'
        'Merge-SegTable'
        'Group-ObjectByThreshold'
        'Invoke-Clustering'
        'Add-SegEmbedding'
        'New-SegClassifier'
        'Invoke-SegClassifier'
        'Show-SegViewer'
        'Submit-SegClusterJob'
    )
    AliasesToExport      = @(
        'Train-SegClassifier'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags       = @('microscopy', 'segmentation', 'image-analysis', 'measurement', 'tiff', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri = 'https://github.com/segmeasure/segmeasure'
        }
    }
}
