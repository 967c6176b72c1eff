import Datasets
import Testing

@Suite struct DomainSelectionTests {
    /// The paper's seven domains as label vectors over five attributes, with hair one-hot.
    @Test func sevenCelebAHQDomainsAndTargetLabels() {
        let domains = DomainSelection.bilganCelebAHQ
        #expect(domains.attributes == ["Black_Hair", "Blond_Hair", "Brown_Hair", "Heavy_Makeup", "Young"])
        #expect(DomainSelection.bilganSevenDomains.count == 7)
        let blackYoung: [Float] = [1, 0, 0, 0, 1]
        #expect(domains.target(from: blackYoung, setting: "Blond_Hair", to: 1) == [0, 1, 0, 0, 1])
        #expect(domains.target(from: blackYoung, setting: "Young", to: 0) == [1, 0, 0, 0, 0])
        #expect(domains.target(from: blackYoung, setting: "Heavy_Makeup", to: 1) == [1, 0, 0, 1, 1])
        #expect(DomainSelection.rafdExpressions.attributes.count == 8)
        #expect(DomainSelection.multiPIEPoses.attributes.first == "24_0" && DomainSelection.multiPIEPoses.attributes.count == 13)
    }
}
