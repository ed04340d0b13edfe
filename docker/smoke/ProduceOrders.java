// docker/smoke.sh's producer, run with Java's source launcher and the tarball's Kafka jars:
//   javac -d out -cp 'driftway-<version>/lib/*' docker/smoke/ProduceOrders.java
//   java -cp 'out:driftway-<version>/lib/*' ProduceOrders <bootstrap> <topic> <first id> <last id>
// Creates <topic> (2 partitions) unless it exists, sends JSON orders with ids first..last, exits.
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

public final class ProduceOrders {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    int first = Integer.parseInt(args[2]);
    int last = Integer.parseInt(args[3]);
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    String[] regions = {"eu", "us", "ap"};
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int id = first; id <= last; id++) {
        String order =
            String.format(
                Locale.ROOT,
                "{\"id\": %d, \"region\": \"%s\", \"amount\": %d.%02d}",
                id, regions[id % regions.length], id, id % 100);
        producer.send(new ProducerRecord<>(topic, Integer.toString(id), order)).get();
      }
    }
    System.out.printf("Produced orders %d..%d to %s%n", first, last, topic);
  }
}
