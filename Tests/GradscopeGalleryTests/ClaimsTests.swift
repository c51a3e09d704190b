import Foundation
import Testing
@testable import GradscopeGallery

/// `gradscope claims`: every statement of the post with its paragraph, verdict, numbers and figure.
@Suite struct ClaimsTests {
    static let report = try! ClaimsExperiment(settings: .init()).run(progress: nil)
    static var claims: [Claim] { report.document.claims }

    @Test("The whole list: paragraph, verdict and figure of every claim, in the post's order")
    func list() {
        let expected: [(Int, Claim.Verdict, String)] = [
            (1, .holds, "autopsy-tanh-chain"), (2, .holds, "s6-product"), (2, .holds, "s7-rnn-weight-0-7"),
            (2, .holdsWithCondition, "s2-tanh"), (2, .holdsWithCondition, "s4-sigmoid"), (2, .holdsWithCondition, "autopsy-tanh-chain"),
            (3, .holds, "w1-chi1"), (4, .holds, "s1-relu"), (4, .holdsWithCondition, "w3-init"), (5, .holds, "s1-relu"),
            (5, .holdsWithCondition, "s1-relu"), (6, .holds, "s2-tanh"), (6, .holds, "cliff"), (7, .holds, "s2-tanh"),
            (7, .holds, "s8-initial-state"), (7, .holds, "s8-initial-state"), (7, .holds, "s3-minefield"), (8, .holdsWithCondition, "cliff"),
            (10, .holds, "s4-sigmoid"), (10, .holdsWithCondition, "s4-sigmoid"), (10, .holds, "s5-sigmoid-bias"), (11, .holds, "s5-sigmoid-bias"),
            (11, .doesNotHold, "s7-rnn-weight-0-7"),
        ]
        #expect(Self.claims.count == expected.count)
        for (claim, (paragraph, verdict, figure)) in zip(Self.claims, expected) {
            #expect(claim.paragraph == paragraph && claim.verdict == verdict && claim.figure == figure, "\(claim.quote)")
        }
    }

    @Test("The numbers that decide the seed claims are the exact slopes")
    func seedNumbers() {
        func evidence(_ start: String) -> [Double] { Self.claims.first { $0.quote.hasPrefix(start) }!.evidence.map(\.value) }
        #expect(evidence("“ReLU is an activation") == [8, 64, 512])
        #expect(evidence("“See how the steepness") == [8, 8])
        #expect(evidence("“That's because the gradient") == [512, 0])
        #expect(evidence("“Even though its returned value") == [8, 64, 512])
        #expect(evidence("“In fact, in order to see exploding") == [2, 4, 8])
        #expect(evidence("“Note that with sigmoid") == [8, 512])
        #expect(evidence("“The exploding gradient problem is mostly") == [6, 43, 342])
        let rnn = evidence("“It happens a lot with RNNs")
        #expect(rnn[0] == rnn[1] && rnn[2] == 2)
        let weight = evidence("“Also note that all these graphs")
        #expect(weight[0] < -18 && weight[0] > -19 && weight[1] == 88)
    }

    @Test("Quotations are one sentence at most, in “…”; paraphrases say so; every claim has numbers and a figure of the report")
    func form() {
        let figureIDs = Set(Self.report.figures.map(\.id))
        for claim in Self.claims {
            if claim.quote.hasPrefix("“") {
                #expect(claim.quote.hasSuffix("”"), "\(claim.quote)")
                let inner = claim.quote.dropFirst().dropLast().dropLast()  // the closing quote and final stop
                #expect(!inner.contains(". ") && !inner.contains("? ") && !inner.contains("! "), "more than one sentence: \(claim.quote)")
            } else {
                #expect(claim.quote.hasPrefix("Paraphrase: "), "\(claim.quote)")
            }
            #expect((1...ClaimsExperiment.paragraphs).contains(claim.paragraph))
            #expect(!claim.evidence.isEmpty && !claim.finding.isEmpty)
            #expect(figureIDs.contains(claim.figure), "\(claim.figure)")
        }
    }

    @Test("JSON is {\"claims\": [{quote, paragraph, verdict, finding, evidence, figure}]}; CSV has one row per claim")
    func faces() throws {
        let json = try JSONSerialization.jsonObject(with: Data(try Self.report.json().utf8)) as! [String: Any]
        #expect(Array(json.keys) == ["claims"])
        let first = (json["claims"] as! [[String: Any]])[0]
        #expect(Set(first.keys) == ["quote", "paragraph", "verdict", "finding", "evidence", "figure"])
        #expect(first["verdict"] as? String == "holds" && first["paragraph"] as? Int == 1)
        #expect(Self.report.table.columns == ["paragraph", "verdict", "quote", "finding", "evidence", "figure"])
        #expect(Self.report.table.rows.count == Self.claims.count)
    }

    @Test("--paragraph keeps one paragraph's claims and refuses a paragraph the post does not have")
    func paragraphSetting() throws {
        let eleven = try ClaimsExperiment(settings: .init(paragraph: 11)).run(progress: nil).document.claims
        #expect(eleven.map(\.paragraph) == [11, 11])
        #expect(throws: SettingsError(setting: "paragraph", "must be a paragraph of the post, between 1 and 11, got 12.")) {
            try ClaimsExperiment(settings: .init(paragraph: 12))
        }
    }
}
