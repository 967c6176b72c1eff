import Datasets
import EvaluationMetrics
import Evaluation
import Foundation
import ResultsStore
import Testing
import TestSupport

/// Table 3's gallery / probe selection and the pooling of rank-1 into the ±yaw columns.
@Suite struct PoseIdentificationSplitTests {
    /// A Multi-PIE tree of empty-named files (the split reads names only).
    static func tree(subjects: [Int], cameras: [String] = MultiPIECamera.all.map(\.name), illuminations: [Int] = [6, 11]) throws -> Scratch {
        let scratch = try Scratch("pose-split")
        for s in subjects {
            for c in cameras {
                for i in illuminations {
                    let name = MultiPIEName(subject: s, session: 1, recording: 1, camera: c, illumination: i)
                    let url = scratch.url.appendingPathComponent(name.relativePath)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data().write(to: url)
                }
            }
        }
        return scratch
    }

    @Test func galleryIsOneFrontalImagePerTestSubjectAndSubjectsAreDisjoint() throws {
        let scratch = try Self.tree(subjects: [1, 2, 200, 201, 202])
        let split = try PoseIdentificationSplit(try MultiPIEDataset.open(scratch.url))
        let trainSubjects = Set(split.train.map(\.name.subject))
        let testSubjects = Set(split.probes.map(\.name.subject))
        #expect(trainSubjects == [1, 2, 200])
        #expect(testSubjects == [201, 202])
        #expect(trainSubjects.isDisjoint(with: testSubjects))
        #expect(split.gallery.map(\.name.subject) == [201, 202])
        #expect(split.gallery.allSatisfy { $0.name.camera == "05_1" && $0.name.illumination == 6 && $0.name.session == 1 })
        #expect(split.train.count == 3 * 13 * 2)
        #expect(split.probes.count == 2 * (13 * 2 - 1))
        #expect(Set(split.probes.map(\.relativePath)).isDisjoint(with: split.gallery.map(\.relativePath)))
        // Frontal probes under the other illumination stay probes.
        #expect(split.probes.filter { $0.name.camera == "05_1" }.map(\.name.illumination) == [11, 11])
        #expect(split.identityClasses == ["1": 0, "2": 1, "200": 2])
    }

    @Test func missingTestSubjectsOrGalleryAreNamed() throws {
        let onlyTrain = try Self.tree(subjects: [1, 2])
        #expect { try PoseIdentificationSplit(try MultiPIEDataset.open(onlyTrain.url)) } throws: {
            "\($0)".contains("no Setting 2 test subjects")
        }
        let noGallery = try Self.tree(subjects: [1, 201], illuminations: [11])
        #expect { try PoseIdentificationSplit(try MultiPIEDataset.open(noGallery.url)) } throws: {
            "\($0)".contains("test subject 201 has no frontal gallery image")
        }
    }

    /// Two subjects, gallery features e1 and e2; probes at 19_0 (+45°) and 08_0 (−45°) pool into one
    /// column; a frontal probe goes to "0", not into the value.
    @Test func rankOnePoolsPlusAndMinusYawAsCounts() throws {
        let gallery = try FeatureMatrix(vectors: [[1.0, 0], [0, 1.0]])
        let probes = try FeatureMatrix(vectors: [[0.9, 0.1], [0.2, 0.8], [0.9, 0.2], [0.6, 0.4], [1.0, 0.1]])
        let info = [("201", "19_0"), ("202", "19_0"), ("202", "08_0"), ("201", "05_0"), ("202", "05_1")].map {
            PoseRankOne.Probe(image: URL(fileURLWithPath: "/x"), subject: $0.0, camera: $0.1)
        }
        let metric = try PoseRankOne.metric(gallery: gallery, gallerySubjects: ["201", "202"], probes: probes, probeInfo: info,
                                            protocolName: "p")
        #expect(metric.name == MetricName.rankOne)
        #expect(metric.sampleCount == 4)
        #expect(metric.value == 3.0 / 4.0)
        #expect(metric.breakdown?["45"] == BreakdownEntry(value: 2.0 / 3.0, sampleCount: 3))
        #expect(metric.breakdown?["15"] == BreakdownEntry(value: 1, sampleCount: 1))
        #expect(metric.breakdown?["0"] == BreakdownEntry(value: 0, sampleCount: 1))
        #expect(metric.breakdown?["90"] == nil)
    }
}
