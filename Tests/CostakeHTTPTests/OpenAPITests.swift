import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document against the router it describes.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The codes the HTTP layer answers with besides those of `CostakeError` (APIError,
    /// ErrorMapping, the transaction and clock routes, the demo faucet).
    static let httpLayerCodes = APIError.HTTPCode.allCases.map(\.rawValue)

    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    /// Every operation as "METHOD /path" with its object.
    func operations(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var result: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for method in Self.methods {
                if let operation = item[method] as? [String: Any] { result["\(method.uppercased()) \(path)"] = operation }
            }
        }
        return result
    }

    /// The value a local `$ref` ("#/components/...") points to, or nil.
    func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = node as? [String: Any], let next = object[key] else { return nil }
            node = next
        }
        return node
    }

    /// A parameter object with its `$ref` followed.
    func parameter(_ value: Any, in document: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String else { return object }
        return resolve(reference, in: document) as? [String: Any]
    }

    func references(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap(references)
        }
        if let array = value as? [Any] { return array.flatMap(references) }
        return []
    }

    @Test func isAnOpenAPI31Document() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["info"] as? [String: Any])?["title"] != nil)
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: Any]]
        #expect(schemes?["operatorToken"]?["scheme"] as? String == "bearer")
    }

    @Test func documentsExactlyTheRoutesOfTheRouter() async throws {
        // With the faucet, so that the router has every route a server can have.
        let h = try await APIHarness(faucet: true)
        let routed = Set(try buildRouter(h.services).routes.map { route in
            // Hummingbird writes captures as {name}; a ":name" form is converted too.
            let path = route.path.components.map { component in
                let text = component.description
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }
            return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
        })
        let documented = Set(try operations(try document()).keys)
        #expect(routed.count >= 20, "the router's routes were read")
        let undocumented = routed.subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "routes missing from the OpenAPI document: \(undocumented)")
        let unrouted = documented.subtracting(routed).sorted()
        #expect(unrouted.isEmpty, "documented routes the router lacks: \(unrouted)")
    }

    @Test func everyOperationAnswersSomethingAndDeclaresItsPathParameters() throws {
        let document = try document()
        for (name, operation) in try operations(document) {
            let statuses = Array((operation["responses"] as? [String: Any] ?? [:]).keys)
            #expect(statuses.contains { $0.hasPrefix("2") }, "\(name) has no 2xx response")
            #expect(operation["operationId"] is String, "\(name) has no operationId")
            let path = String(name.split(separator: " ")[1])
            let inTemplate = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            let declared = (operation["parameters"] as? [Any] ?? []).compactMap { parameter($0, in: document) }
                .filter { $0["in"] as? String == "path" }
            #expect(Set(declared.compactMap { $0["name"] as? String }) == inTemplate, "\(name) declares other path parameters")
            #expect(declared.allSatisfy { $0["required"] as? Bool == true }, "\(name) has an optional path parameter")
            if path.hasPrefix("/v1/operator/") {
                #expect(operation["security"] as? [[String: [String]]] == [["operatorToken": []]], "\(name) lacks the bearer scheme")
                #expect(statuses.contains("401") && statuses.contains("403"), "\(name) does not document 401 and 403")
            }
        }
    }

    @Test func everyReferenceResolves() throws {
        let document = try document()
        let all = references(in: document)
        #expect(all.count > 100)
        let dangling = Set(all.filter { resolve($0, in: document) == nil }).sorted()
        #expect(dangling.isEmpty, "unresolved $ref: \(dangling)")
    }

    @Test func theErrorCodeEnumHasEveryCode() throws {
        let document = try document()
        let errorCode = try #require(resolve("#/components/schemas/ErrorCode", in: document) as? [String: Any])
        let named = try #require((errorCode["oneOf"] as? [[String: Any]])?.first?["enum"] as? [String])
        let expected = CostakeError.Code.allCases.map(\.rawValue) + Self.httpLayerCodes
        #expect(Set(expected).subtracting(named).isEmpty, "codes missing: \(Set(expected).subtracting(named).sorted())")
        #expect(Set(named).subtracting(expected).isEmpty, "codes no one answers with: \(Set(named).subtracting(expected).sorted())")
    }

    @Test func isServedAtOpenAPIJSON() async throws {
        let h = try await APIHarness()
        try await h.app.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(String(buffer: response.body) == OpenAPIDocument.json)
            #expect(try json(response)["openapi"] as? String == "3.1.0")
        }
    }
}
