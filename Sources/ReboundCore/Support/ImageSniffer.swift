import Foundation

/// Reads what an uploaded image really is from its first bytes — PNG, JPEG, GIF or WebP — and its pixel size, so a
/// file that claims one type and is another (or is no image at all) is refused before it is stored or served.
public enum ImageSniffer {
    /// The image formats chat attachments accept.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case png, jpeg, gif, webp

        public var mediaType: String { "image/" + rawValue }

        /// The format a `Content-Type` names (parameters ignored, `image/jpg` accepted), or nil.
        public init?(mediaType: String) {
            let bare = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            switch bare {
            case "image/png": self = .png
            case "image/jpeg", "image/jpg": self = .jpeg
            case "image/gif": self = .gif
            case "image/webp": self = .webp
            default: return nil
            }
        }
    }

    /// What the bytes are.
    public struct Image: Sendable, Hashable {
        public var format: Format
        public var width: Int
        public var height: Int

        public init(format: Format, width: Int, height: Int) {
            self.format = format
            self.width = width
            self.height = height
        }
    }

    /// The image in `bytes`, or nil when they are none of the accepted formats or the header is cut short.
    public static func sniff(_ bytes: [UInt8]) -> Image? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // IHDR is the first chunk: width and height big-endian at 16 and 20.
            guard bytes.count >= 24, bytes[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
            return Image(format: .png, width: bigEndian(bytes, 16, 4), height: bigEndian(bytes, 20, 4))
        }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            guard bytes.count >= 10 else { return nil }
            return Image(format: .gif, width: Int(bytes[6]) | Int(bytes[7]) << 8, height: Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) {
            return webp(bytes)
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return jpeg(bytes) }
        return nil
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Walks the segments to the first start-of-frame marker, which carries the size.
    static func jpeg(_ bytes: [UInt8]) -> Image? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {
                index += 1
                continue
            }
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return Image(format: .jpeg, width: bigEndian(bytes, index + 7, 2), height: bigEndian(bytes, index + 5, 2))
            }
            let length = bigEndian(bytes, index + 2, 2)
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    /// VP8 (lossy), VP8L (lossless) and VP8X (extended) headers.
    static func webp(_ bytes: [UInt8]) -> Image? {
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            return Image(format: .webp, width: littleEndian(bytes, 26, 2) & 0x3FFF, height: littleEndian(bytes, 28, 2) & 0x3FFF)
        case "VP8L":
            guard bytes[20] == 0x2F else { return nil }
            let bits = littleEndian(bytes, 21, 4)
            return Image(format: .webp, width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            return Image(format: .webp, width: littleEndian(bytes, 24, 3) + 1, height: littleEndian(bytes, 27, 3) + 1)
        default:
            return nil
        }
    }
}
