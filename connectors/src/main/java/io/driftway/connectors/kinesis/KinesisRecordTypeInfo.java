package io.driftway.connectors.kinesis;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link KinesisRecord}: an atomic type with its own serializer. */
final class KinesisRecordTypeInfo extends TypeInformation<KinesisRecord> {

  private static final long serialVersionUID = 1L;

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<KinesisRecord> getTypeClass() {
    return KinesisRecord.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<KinesisRecord> createSerializer(SerializerConfig config) {
    return KinesisRecordSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "KinesisRecord";
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof KinesisRecordTypeInfo;
  }

  @Override
  public int hashCode() {
    return KinesisRecordTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object obj) {
    return obj instanceof KinesisRecordTypeInfo;
  }
}
