// The benchmark drives deploy/local, which runs RabbitMQ nodes as Linux processes.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
