import CostakeApp
import CostakeCore
import Foundation
import Hummingbird

/// `POST /v1/transactions` and `GET /v1/transactions/{signature}` (SPEC §9).
struct TransactionRoutes {
    let services: NetworkServices

    func register(on router: Router<APIContext>) {
        let v1 = router.group("v1")
        v1.post("transactions") { request, context in
            try RateLimiters.check(services.limiters.perIP, context.clientIP, what: "transactions from this IP address")
            let body = Array(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            try RateLimiters.check(services.limiters.perAddress, RateLimiters.signer(of: body), what: "transactions from this signer")
            let receipt = try await services.processor.submit(body: body)
            return Response.json(receipt.body)
        }
        v1.get("transactions/:signature") { _, context in
            let signature = try context.parameters.require("signature")
            guard let approved = try await services.store.approvedTransaction(signature: signature) else {
                throw APIError(status: .notFound, code: .transactionNotFound, message: "No approved transaction has the signature \(signature.prefix(100)).")
            }
            return ApprovedBody(signature: approved.signature, status: "approved", type: approved.type, signer: approved.signer.text,
                                message: approved.message, at: approved.at.rfc3339,
                                result: Receipt(body: approved.response, replayed: true).result)
        }
    }

    struct ApprovedBody: ResponseEncodable {
        let signature: String
        let status: String
        let type: String
        let signer: String
        let message: String
        let at: String
        let result: [String: String]
    }
}

extension Response {
    /// A 200 response with a JSON text body.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
