import GRDB

/// A record whose table has an auto-incremented `id`: it learns its id when inserted.
public protocol AutoIncrementedRecord: MutablePersistableRecord {
    var id: Int64? { get set }
}

extension AutoIncrementedRecord {
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
