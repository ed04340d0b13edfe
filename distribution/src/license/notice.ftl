<#-- NOTICE of the Driftway release tarball, written by license-maven-plugin from the resolved dependency set. -->
<#assign count = 0>
<#list dependencyMap as e><#if e.getKey().groupId != "io.driftway"><#assign count = count + 1></#if></#list>
Driftway
Copyright the Driftway authors. Licensed under the Apache License, Version 2.0 (LICENSE).

This distribution bundles the following ${count} third-party artifacts in lib/,
each under the license(s) its own pom declares:

<#list dependencyMap as e>
<#assign project = e.getKey()/>
<#assign licenses = e.getValue()/>
<#if project.groupId != "io.driftway">
  - ${project.groupId}:${project.artifactId}:${project.version} (<#if licenses?size == 0>no license declared in its pom<#else><#list licenses as l>${l}<#sep>; </#sep></#list></#if>)
</#if>
</#list>

Beside them, plugins/s3-fs-hadoop/ holds Flink's S3 file system plugin (org.apache.flink:flink-s3-fs-hadoop,
Apache License 2.0), which carries the NOTICE and licenses of what it bundles inside its jar.
